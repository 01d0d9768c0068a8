import type { JobsOptions, Queue } from 'bullmq';

/**
 * Awaits a Redis call for at most `ms`. Log consumers call Redis inside the transaction that
 * holds their checkpoint: an absent Redis must not hold that transaction (and with it every
 * reader of the log) open; failing rolls the batch back for the next catch-up.
 */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Adds a job under a fixed id; BullMQ ignores an id it already holds. With `revive`, a job under
 * that id that failed for good is retried: re-deriving a schedule puts back what was lost.
 */
export async function addOnce(
  queue: Queue,
  name: string,
  data: object,
  options: JobsOptions & { jobId: string },
  revive = false,
): Promise<void> {
  await within(5_000, `adding ${options.jobId}`, queue.add(name, data, options));
  if (!revive || (await queue.getJobState(options.jobId)) !== 'failed') return;
  await (await queue.getJob(options.jobId))?.retry('failed');
}
