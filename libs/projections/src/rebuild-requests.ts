import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppError } from '@app/platform';
import type { ReadModelStatus } from './read-model-status.js';

/**
 * Records a rebuild and enqueues the job that runs it. One at a time per read model: a queued
 * or running one is refused, unless the process running it is gone.
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
    if (await stillAlive(db, queue, name, latest.id)) {
      throw new AppError('CONFLICT', `A rebuild of ${name} is already ${latest.status}`, [], { rebuildId: latest.id });
    }
    // Its worker died (no lock) or BullMQ gave up on it: the live tables are untouched, start anew.
    await db.query(
      `UPDATE read_model_rebuilds SET status = 'failed', error = 'abandoned: its worker stopped', finished_at = now() WHERE id = $1`,
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

/**
 * Waiting to run, or running in a live process. A running rebuild holds a PostgreSQL session
 * lock (see rebuild.ts), which the server drops the moment its process dies, whereas BullMQ's
 * own job lock would linger in Redis for the whole lock duration.
 */
async function stillAlive(db: DataSource, queue: Queue, name: string, jobId: string): Promise<boolean> {
  const state = await queue.getJobState(jobId);
  if (['waiting', 'delayed', 'prioritized', 'waiting-children'].includes(state)) return true;
  if (state !== 'active') return false;
  const probe = db.createQueryRunner();
  await probe.connect();
  try {
    const [{ free }] = (await probe.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS free`, [
      `rebuild:${name}`,
    ])) as [{ free: boolean }];
    if (free) await probe.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`rebuild:${name}`]);
    return !free;
  } finally {
    await probe.release();
  }
}
