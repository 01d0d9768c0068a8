import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { DataSource, QueryRunner } from 'typeorm';
import { AppError, withinDeadline, say } from '@app/platform';
import type { ReadModelStatus } from './read-model-status.js';

/** How long a request waits for Redis before answering 503. */
const QUEUE_DEADLINE_MS = 5_000;

/**
 * Records a rebuild and enqueues the job that runs it; if Redis does not take the job, the row is
 * taken back (503, nothing left behind). The row is written first because the worker may start
 * the job at once and looks for it. Requests for one read model take turns (an advisory lock), so
 * of several at once exactly one is accepted; a queued or running rebuild is refused (409, naming
 * it), unless the process running it is gone.
 */
export async function requestRebuild(
  dataSource: DataSource,
  status: ReadModelStatus,
  queue: Queue,
  name: string,
  requestedBy: string | null,
): Promise<string> {
  status.projection(name);
  return oneAtATime(dataSource, `rebuild-request:${name}`, async (db) => {
    const latest = await status.latestRebuild(name);
    if (latest && ['queued', 'running', 'swapping'].includes(latest.status)) {
      if (await onQueue(stillAlive(dataSource, queue, name, latest.id))) {
        throw new AppError('CONFLICT', say('readModel.rebuildAlready', { name, status: latest.status }), [], {
          rebuildId: latest.id,
        });
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
    try {
      await onQueue(
        queue.add(
          'rebuild-read-model',
          { name, rebuildId: id },
          { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 2_000 } },
        ),
      );
    } catch (error) {
      // A job that still lands later (Redis back late) finds no row of its own and does nothing.
      await db.query(`DELETE FROM read_model_rebuilds WHERE id = $1`, [id]);
      throw error;
    }
    return id;
  });
}

/** Runs `work` holding a session advisory lock on `key`, given back whatever happens. */
async function oneAtATime<T>(dataSource: DataSource, key: string, work: (db: QueryRunner) => Promise<T>): Promise<T> {
  const db = dataSource.createQueryRunner();
  await db.connect();
  try {
    await db.query(`SELECT pg_advisory_lock(hashtext($1))`, [key]);
    try {
      return await work(db);
    } finally {
      await db.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
    }
  } finally {
    await db.release();
  }
}

async function onQueue<T>(work: Promise<T>): Promise<T> {
  try {
    return await withinDeadline(work, QUEUE_DEADLINE_MS);
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE', say('request.queueUnavailable'), [], {
      retryAfterSeconds: 5,
    });
  }
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
