import { describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { ProjectionWakeUp } from './projection-wake-up.js';

/** A queue whose adds stay pending until the test settles them. */
function fakeQueue() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const queue = {
    add: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
  } as unknown as Queue;
  return { queue, pending };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('waking the projections after appends', () => {
  it('sends one wake-up at a time, and one more after it for the appends made meanwhile', async () => {
    const { queue, pending } = fakeQueue();
    const wakeUp = new ProjectionWakeUp(queue);
    wakeUp.afterAppend();
    for (let i = 0; i < 5; i++) wakeUp.afterAppend();
    expect(pending).toHaveLength(1);
    pending[0]!.resolve();
    await settle();
    expect(pending).toHaveLength(2);
    pending[1]!.resolve();
    await settle();
    expect(pending).toHaveLength(2);
    wakeUp.afterAppend();
    expect(pending).toHaveLength(3);
  });

  it('counts a wake-up that failed, and still sends the next', async () => {
    const { queue, pending } = fakeQueue();
    const wakeUp = new ProjectionWakeUp(queue);
    wakeUp.afterAppend();
    wakeUp.afterAppend();
    pending[0]!.reject(new Error('Redis is away'));
    await settle();
    expect(wakeUp.failedWakeUps).toBe(1);
    expect(pending).toHaveLength(2);
  });
});
