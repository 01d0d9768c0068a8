import { describe, expect, it } from '@jest/globals';
import type { LogCheckpoint } from '@app/event-store';
import { ReadModelMemo } from './read-model-memo.js';

const p = (n: number): LogCheckpoint => ({ transactionId: BigInt(n), globalPosition: BigInt(n) });

describe('answers kept per position of the read model', () => {
  it('computes a question once per position, and again once the position moves', async () => {
    let now = p(1);
    let scans = 0;
    const memo = new ReadModelMemo(() => Promise.resolve(now));
    const count = () => Promise.resolve(++scans);
    expect(await memo.answer(p(1), 'q', count)).toBe(1);
    expect(await memo.answer(p(1), 'q', count)).toBe(1);
    expect(await memo.answer(p(1), 'other', count)).toBe(2);
    now = p(2);
    expect(await memo.answer(p(2), 'q', count)).toBe(3);
    expect(await memo.answer(p(2), 'q', count)).toBe(3);
  });

  it('keeps no answer when the position moved while it was computed', async () => {
    let scans = 0;
    const memo = new ReadModelMemo(() => Promise.resolve(p(2)));
    const count = () => Promise.resolve(++scans);
    expect(await memo.answer(p(1), 'q', count)).toBe(1);
    expect(await memo.answer(p(1), 'q', count)).toBe(2);
  });

  it('answers a request that read an older position without touching what is kept', async () => {
    let scans = 0;
    const memo = new ReadModelMemo(() => Promise.resolve(p(2)));
    const count = () => Promise.resolve(++scans);
    expect(await memo.answer(p(2), 'q', count)).toBe(1);
    expect(await memo.answer(p(1), 'q', count)).toBe(2);
    expect(await memo.answer(p(2), 'q', count)).toBe(1);
  });

  it('lets the same question asked meanwhile wait for the one scan, and forgets a failed one', async () => {
    let scans = 0;
    let fail = true;
    const memo = new ReadModelMemo(() => Promise.resolve(p(1)));
    const count = () => {
      scans += 1;
      return fail ? Promise.reject(new Error('the database is away')) : Promise.resolve(scans);
    };
    const both = [memo.answer(p(1), 'q', count), memo.answer(p(1), 'q', count)];
    await expect(Promise.all(both)).rejects.toThrow('the database is away');
    expect(scans).toBe(1);
    fail = false;
    expect(await memo.answer(p(1), 'q', count)).toBe(2);
  });

  it('computes every time without a position', async () => {
    let scans = 0;
    const memo = new ReadModelMemo(() => Promise.resolve(p(1)));
    const count = () => Promise.resolve(++scans);
    await memo.answer(undefined, 'q', count);
    expect(await memo.answer(undefined, 'q', count)).toBe(2);
  });
});
