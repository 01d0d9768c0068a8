import { describe, expect, it } from '@jest/globals';
import { describeEventStoreContract } from './event-store.contract.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

describeEventStoreContract('in memory', () => new InMemoryEventStore());

describe('the in-memory event store', () => {
  it('reports every broken link of a stream whose stored data was altered', async () => {
    const store = new InMemoryEventStore();
    await store.append(
      's-1',
      'no_stream',
      [1, 2, 3].map((n) => ({ type: 'Counted', data: { n } })),
      {
        actorId: 'u',
        role: 'preparer',
      },
    );
    store.tamper('s-1', 2, (event) => {
      event.data = { n: 20 };
    });
    store.tamper('s-1', 3, (event) => {
      event.type = 'Forged';
    });
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(report.broken).toEqual([
      { streamId: 's-1', streamVersion: 2, globalPosition: 2n, reason: 'hash_mismatch' },
      { streamId: 's-1', streamVersion: 3, globalPosition: 3n, reason: 'hash_mismatch' },
    ]);
  });
});
