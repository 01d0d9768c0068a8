import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkerPool, WorkerPoolBusyError, WorkerTaskError, WorkerTimeoutError } from './worker-pool.js';

// A worker as plain JavaScript: `spin` never answers, `hog` runs out of heap, `fail` throws.
const WORKER = `
import { parentPort, threadId } from 'node:worker_threads';
parentPort.postMessage({ ready: true });
parentPort.on('message', async ({ id, input }) => {
  if (input === 'spin') for (;;);
  if (input === 'hog') { const kept = []; for (;;) kept.push(new Array(1e6).fill(kept.length)); }
  if (input === 'fail') return parentPort.postMessage({ id, ok: false, message: 'no good' });
  if (input === 'exit') process.exit(3);
  parentPort.postMessage({ id, ok: true, value: { echo: input, threadId } });
});
`;

const directory = mkdtempSync(join(tmpdir(), 'worker-pool-'));
const script = pathToFileURL(join(directory, 'worker.js'));
writeFileSync(script, WORKER);
const pools: WorkerPool<unknown, { echo: unknown; threadId: number }>[] = [];
const poolOf = (timeoutMs = 2_000, maxQueued = 8, idleMs?: number) => {
  const pool = new WorkerPool<unknown, { echo: unknown; threadId: number }>({
    script,
    size: 2,
    timeoutMs,
    maxQueued,
    ...(idleMs === undefined ? {} : { idleMs }),
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  pools.push(pool);
  return pool;
};

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  rmSync(directory, { recursive: true, force: true });
});

describe('a pool of worker threads', () => {
  it('runs tasks off the event loop, on at most its size of threads', async () => {
    const pool = poolOf();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => pool.run(n)));
    expect(answers.map((a) => a.echo)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(answers.map((a) => a.threadId)).size).toBeLessThanOrEqual(2);
    expect(pool.threads).toBeLessThanOrEqual(2);
  });

  it('ends threads left idle, and starts one again when a task needs it', async () => {
    const pool = poolOf(2_000, 8, 300);
    expect(pool.threads).toBe(2);
    const first = await pool.run('one');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(pool.threads).toBe(0);
    const again = await pool.run('two');
    expect(again.echo).toBe('two');
    expect(again.threadId).not.toBe(first.threadId);
    expect(pool.threads).toBe(1);
  });

  it('terminates a task past its time limit, and the event loop stayed free meanwhile', async () => {
    const pool = poolOf(300);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 20);
    const started = performance.now();
    await expect(pool.run('spin')).rejects.toBeInstanceOf(WorkerTimeoutError);
    clearInterval(timer);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(ticks).toBeGreaterThan(5);
    // A fresh thread took the place of the terminated one.
    expect((await Promise.all([pool.run('a'), pool.run('b')])).map((a) => a.echo)).toEqual(['a', 'b']);
  });

  it('answers a thread out of heap, a thread that exits and a task that fails, and keeps serving', async () => {
    const pool = poolOf(10_000);
    const hog = await pool.run('hog').catch((error: unknown) => error);
    expect(hog).toBeInstanceOf(WorkerTaskError);
    expect((hog as WorkerTaskError).outOfMemory).toBe(true);
    await expect(pool.run('exit')).rejects.toBeInstanceOf(WorkerTaskError);
    await expect(pool.run('fail')).rejects.toThrow('no good');
    expect((await pool.run('after')).echo).toBe('after');
  });

  it('refuses a task when every thread is busy and the queue is full', async () => {
    const pool = poolOf(500, 1);
    const busy = [pool.run('spin'), pool.run('spin'), pool.run('spin')];
    await expect(pool.run('one too many')).rejects.toBeInstanceOf(WorkerPoolBusyError);
    await Promise.allSettled(busy);
  });
});
