import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppError } from '@app/platform';
import type { ReadModelStatus } from './read-model-status.js';

/**
 * Records a rebuild and enqueues the job that runs it. One at a time per read model: a queued
 * or running one is refused, unless its job is gone (a worker died and BullMQ gave up on it).
 */
export async function requestRebuild(
  db: DataSource,
  status: ReadModelStatus,
  queue: Queue,
  name: string,
  requestedBy: string | null,
): Promise<string> {
  status.projection(name);
  const latest = await status.latestRebuild(name);
  if (latest && ['queued', 'running', 'swapping'].includes(latest.status)) {
    const state = await queue.getJobState(latest.id);
    if (['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'].includes(state)) {
      throw new AppError('CONFLICT', `A rebuild of ${name} is already ${latest.status}`, [], { rebuildId: latest.id });
    }
    await db.query(
      `UPDATE read_model_rebuilds SET status = 'failed', error = 'abandoned: its job is gone', finished_at = now() WHERE id = $1`,
      [latest.id],
    );
  }
  const id = randomUUID();
  await db.query(`INSERT INTO read_model_rebuilds (id, name, status, requested_by) VALUES ($1, $2, 'queued', $3)`, [
    id,
    name,
    requestedBy,
  ]);
  await queue.add(
    'rebuild-read-model',
    { name, rebuildId: id },
    { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 2_000 } },
  );
  return id;
}
