import { LOG_START, readableHead, readLog, type LogCheckpoint } from '@app/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { lockCheckpointAndWait, setCheckpoint } from './checkpoints.js';
import { handOverParked, park, type OnParked } from './parked-streams.js';
import { nextTables, type Projection } from './projection.js';
import { applyBatch, catchUp, inTransaction, sqlOf } from './projection-runner.js';

export type RebuildStatus = 'queued' | 'running' | 'swapping' | 'completed' | 'failed';

/**
 * Replays the whole log into fresh `__next` tables while the live ones keep serving, catches
 * them up with what was appended meanwhile, then swaps them in within one transaction that
 * also moves the live checkpoint. Each step writes in short transactions: a long one would
 * hold back every log reader (they read below the oldest open transaction). Killed midway, it
 * leaves the live tables untouched and can simply run again.
 */
export async function rebuild(
  dataSource: DataSource,
  projection: Projection,
  rebuildId: string,
  onParked?: OnParked,
): Promise<void> {
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
      await rebuildLocked(dataSource, projection, rebuildId, onParked);
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

async function rebuildLocked(
  dataSource: DataSource,
  projection: Projection,
  rebuildId: string,
  onParked?: OnParked,
): Promise<void> {
  const name = projection.name;
  const rebuildCheckpoint = `${name}:rebuild`;
  // Streams the new tables leave out are parked under the rebuild's checkpoint; they become the
  // live projection's at the swap, replacing the ones parked before.
  await dataSource.query(`DELETE FROM parked_streams WHERE name = $1`, [rebuildCheckpoint]);
  const parkStream = async (at: { streamId: string; streamVersion: number }, error: unknown) => {
    await park(dataSource, rebuildCheckpoint, at, error);
    onParked?.(rebuildCheckpoint, at, error);
  };
  const next = nextTables(projection);
  let applied = 0;
  // Progress is written at most once a second: a row update per page cost a rebuild seconds.
  let unreported = 0;
  let reportedAt = 0;
  const count = async (events: number, flush = false) => {
    applied += events;
    unreported += events;
    if (!flush && Date.now() - reportedAt < 1_000) return;
    await progress(dataSource, rebuildId, unreported);
    unreported = 0;
    reportedAt = Date.now();
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
      await dataSource.query(`DROP TABLE IF EXISTS ${table}__old`); // left by a rebuild killed after its swap
      await dataSource.query(`DROP TABLE IF EXISTS ${next[table]}`);
      // Only the keys while the replay fills it (a replay may upsert or update by key): building the
      // other indexes afterwards is several times faster than keeping them up to date row by row
      // (the trigram indexes most of all).
      await dataSource.query(`CREATE TABLE ${next[table]} (LIKE ${table} INCLUDING ALL EXCLUDING INDEXES)`);
      await maintenanceSession(dataSource, async (db) => {
        for (const index of await indexesOf(dataSource, table, next[table]!, 'keys')) await createTwin(db, index);
      });
    }
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    let head: LogCheckpoint;
    try {
      head = (await readableHead(sqlOf(runner))) ?? LOG_START;
      // Its many short commits need not wait for the disk: a rebuild that dies (with the server,
      // say) starts again from empty tables, and the swap commits as every transaction does.
      await runner.query(`SET synchronous_commit = off`);
      await projection.replay(runner, head, next, count, parkStream);
      await setCheckpoint(runner, rebuildCheckpoint, head, 0);
    } finally {
      await runner.query(`RESET synchronous_commit`).catch(() => undefined);
      await runner.release();
    }
    await count(0, true);
    // The other indexes on two sessions (two cores), the costliest first, so that neither session
    // is left with the list's two GIN indexes while the other has nothing to do.
    const queue = (
      await Promise.all(projection.tables.map((table) => indexesOf(dataSource, table, next[table]!, 'others')))
    )
      .flat()
      .sort(byCost);
    const builder = () =>
      maintenanceSession(dataSource, async (db) => {
        for (let index = queue.shift(); index; index = queue.shift()) await createTwin(db, index);
      });
    await Promise.all([builder(), builder()]);
    // Fresh tables have no statistics: without them the first queries after the swap plan badly.
    await Promise.all(projection.tables.map((table) => dataSource.query(`ANALYZE ${next[table]}`)));
    // Catch up with what was appended during the replay, a batch at a time to report progress.
    for (;;) {
      const step = await catchUp(dataSource, projection, {
        checkpointName: rebuildCheckpoint,
        tables: next,
        batchSize: 2_000,
        maxBatches: 1,
        onParked,
      });
      await count(step.applied);
      if (step.applied === 0) break;
    }
    await status(dataSource, rebuildId, 'swapping');
    await inTransaction(dataSource, async (db) => count(await swap(db, projection, rebuildCheckpoint, applied)));
    for (const table of projection.tables) await dataSource.query(`DROP TABLE IF EXISTS ${table}__old`);
    await status(
      dataSource,
      rebuildId,
      'completed',
      ', finished_at = now(), parked = (SELECT count(*) FROM parked_streams WHERE name = $2)',
      [name],
    );
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
    await applyBatch(db, { projection, name: rebuildCheckpoint, tables: next }, events);
    last += events.length;
    at = { transactionId: events.at(-1)!.transactionId, globalPosition: events.at(-1)!.globalPosition };
  }
  for (const table of projection.tables) {
    await db.query(`ALTER TABLE ${table} RENAME TO ${table}__old`);
    await db.query(`ALTER TABLE ${next[table]} RENAME TO ${table}`);
  }
  await setCheckpoint(db, projection.name, at, applied + last);
  await db.query(`DELETE FROM projection_checkpoints WHERE name = $1`, [rebuildCheckpoint]);
  await handOverParked(db, rebuildCheckpoint, projection.name);
  return last;
}

interface IndexTwin {
  /** The live table's index and the twin table it is made for. */
  name: string;
  definition: string;
  constraint: string | null;
  to: string;
  gin: boolean;
  tableBytes: number;
}

/**
 * The unique indexes and keys of `from` (`keys`), or its other indexes, each to be made for `to`.
 * Index names are schema-wide, so a twin is named `<name>__r`, and the twin of `<name>__r` is
 * `<name>` again: rebuild after rebuild, the live tables' index names alternate between the two
 * instead of growing.
 */
async function indexesOf(
  dataSource: DataSource,
  from: string,
  to: string,
  which: 'keys' | 'others',
): Promise<IndexTwin[]> {
  const rows: { name: string; definition: string; constraint: string | null; method: string; bytes: string }[] =
    await dataSource.query(
      `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition, c.contype AS constraint,
              am.amname AS method, pg_relation_size($3::regclass) AS bytes
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_am am ON am.oid = i.relam
         LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
        WHERE x.indrelid = $1::regclass AND x.indisunique = $2
        ORDER BY i.relname`,
      [from, which === 'keys', to],
    );
  return rows.map((r) => ({ ...r, to, gin: r.method === 'gin', tableBytes: Number(r.bytes) }));
}

/** GIN (trigram) indexes cost several times a btree of the same table: them first, then by size. */
const byCost = (a: IndexTwin, b: IndexTwin) => Number(b.gin) - Number(a.gin) || b.tableBytes - a.tableBytes;

async function createTwin(db: QueryRunner, { name, definition, constraint, to }: IndexTwin): Promise<void> {
  const twin = name.endsWith('__r') ? name.slice(0, -3) : `${name}__r`;
  const create = definition.replace(/^(CREATE (?:UNIQUE )?INDEX )\S+ ON (?:ONLY )?\S+/, `$1${twin} ON ${to}`);
  await db.query(create);
  if (constraint === 'p') await db.query(`ALTER TABLE ${to} ADD PRIMARY KEY USING INDEX ${twin}`);
  if (constraint === 'u') await db.query(`ALTER TABLE ${to} ADD UNIQUE USING INDEX ${twin}`);
}

/**
 * A session to build indexes in, each its own statement (a build holds back log readers only
 * while it runs). A trigram index builds several times faster with room to sort in memory (the
 * default is 64MB); `maintenance_work_mem` is a user setting, so the service role may raise it.
 */
async function maintenanceSession(dataSource: DataSource, build: (db: QueryRunner) => Promise<void>): Promise<void> {
  const db = dataSource.createQueryRunner();
  await db.connect();
  try {
    await db.query(`SET maintenance_work_mem = '256MB'`);
    await build(db);
  } finally {
    await db.query(`RESET maintenance_work_mem`).catch(() => undefined);
    await db.release();
  }
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
