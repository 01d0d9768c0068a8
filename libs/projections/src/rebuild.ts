import { LOG_START, readableHead, readLog, type LogCheckpoint } from '@app/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { lockCheckpointAndWait, setCheckpoint } from './checkpoints.js';
import { nextTables, type Projection } from './projection.js';
import { catchUp, inTransaction, sqlOf } from './projection-runner.js';

export type RebuildStatus = 'queued' | 'running' | 'swapping' | 'completed' | 'failed';

/**
 * Replays the whole log into fresh `__next` tables while the live ones keep serving, catches
 * them up with what was appended meanwhile, then swaps them in within one transaction that
 * also moves the live checkpoint. Each step writes in short transactions: a long one would
 * hold back every log reader (they read below the oldest open transaction). Killed midway, it
 * leaves the live tables untouched and can simply run again.
 */
export async function rebuild(dataSource: DataSource, projection: Projection, rebuildId: string): Promise<void> {
  if (!(await stillWanted(dataSource, projection.name, rebuildId))) return;
  // One rebuild of a read model at a time, even if a dead worker's job is retried late: the
  // lock is held by this session and goes with it if the process dies.
  const guard = dataSource.createQueryRunner();
  await guard.connect();
  try {
    const [{ locked }] = (await guard.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
      `rebuild:${projection.name}`,
    ])) as [{ locked: boolean }];
    if (!locked) throw new Error(`another rebuild of ${projection.name} is running`);
    try {
      await rebuildLocked(dataSource, projection, rebuildId);
    } finally {
      // A session lock outlives release() on a pooled connection: give it back explicitly.
      await guard.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`rebuild:${projection.name}`]);
    }
  } finally {
    await guard.release();
  }
}

/** A finished, abandoned or superseded rebuild is not run (again). */
async function stillWanted(dataSource: DataSource, name: string, rebuildId: string): Promise<boolean> {
  const rows: { id: string; status: RebuildStatus }[] = await dataSource.query(
    `SELECT id, status FROM read_model_rebuilds WHERE name = $1 ORDER BY requested_at DESC LIMIT 1`,
    [name],
  );
  return rows[0]?.id === rebuildId && rows[0].status !== 'completed' && rows[0].status !== 'failed';
}

async function rebuildLocked(dataSource: DataSource, projection: Projection, rebuildId: string): Promise<void> {
  const name = projection.name;
  const rebuildCheckpoint = `${name}:rebuild`;
  const next = nextTables(projection);
  let applied = 0;
  const count = async (events: number) => {
    applied += events;
    await progress(dataSource, rebuildId, events);
  };
  await status(
    dataSource,
    rebuildId,
    'running',
    `, started_at = now(), events_done = 0, error = NULL,
    events_total = (SELECT count(*) FROM events)`,
  );
  try {
    for (const table of projection.tables) {
      await dataSource.query(`DROP TABLE IF EXISTS ${next[table]}`);
      await dataSource.query(`CREATE TABLE ${next[table]} (LIKE ${table} INCLUDING ALL)`);
    }
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    let head: LogCheckpoint;
    try {
      head = (await readableHead(sqlOf(runner))) ?? LOG_START;
      await projection.replay(runner, head, next, count);
      await setCheckpoint(runner, rebuildCheckpoint, head, 0);
    } finally {
      await runner.release();
    }
    // Catch up with what was appended during the replay, a batch at a time to report progress.
    for (;;) {
      const step = await catchUp(dataSource, projection, {
        checkpointName: rebuildCheckpoint,
        tables: next,
        batchSize: 2_000,
        maxBatches: 1,
      });
      await count(step.applied);
      if (step.applied === 0) break;
    }
    await status(dataSource, rebuildId, 'swapping');
    await inTransaction(dataSource, async (db) => count(await swap(db, projection, rebuildCheckpoint, applied)));
    for (const table of projection.tables) await dataSource.query(`DROP TABLE IF EXISTS ${table}__old`);
    await status(dataSource, rebuildId, 'completed', ', finished_at = now()');
  } catch (error) {
    await status(dataSource, rebuildId, 'failed', ', finished_at = now(), error = $2', [String(error)]);
    throw error;
  }
}

/** Holding the live checkpoint, applies the last events to the new tables and renames them in. */
async function swap(
  db: QueryRunner,
  projection: Projection,
  rebuildCheckpoint: string,
  applied: number,
): Promise<number> {
  const next = nextTables(projection);
  await lockCheckpointAndWait(db, projection.name);
  const rows = (await db.query(`SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = $1`, [
    rebuildCheckpoint,
  ])) as { transaction_id: string; global_position: string }[];
  let last = 0;
  let at: LogCheckpoint = {
    transactionId: BigInt(rows[0]!.transaction_id),
    globalPosition: BigInt(rows[0]!.global_position),
  };
  for (;;) {
    const events = await readLog(sqlOf(db), { after: at, limit: 2_000 });
    if (events.length === 0) break;
    await projection.apply(db, events, next);
    last += events.length;
    at = { transactionId: events.at(-1)!.transactionId, globalPosition: events.at(-1)!.globalPosition };
  }
  for (const table of projection.tables) {
    await db.query(`ALTER TABLE ${table} RENAME TO ${table}__old`);
    await db.query(`ALTER TABLE ${next[table]} RENAME TO ${table}`);
  }
  await setCheckpoint(db, projection.name, at, applied + last);
  await db.query(`DELETE FROM projection_checkpoints WHERE name = $1`, [rebuildCheckpoint]);
  return last;
}

async function progress(dataSource: DataSource, id: string, events: number): Promise<void> {
  if (events > 0)
    await dataSource.query(`UPDATE read_model_rebuilds SET events_done = events_done + $2 WHERE id = $1`, [id, events]);
}

async function status(
  dataSource: DataSource,
  id: string,
  to: RebuildStatus,
  extra = '',
  params: unknown[] = [],
): Promise<void> {
  await dataSource.query(`UPDATE read_model_rebuilds SET status = '${to}'${extra} WHERE id = $1`, [id, ...params]);
}
