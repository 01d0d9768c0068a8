import type { StoredEvent } from '@app/event-store';
import { catchUp, type OnParked, type Projection, type TableMap } from '@app/projections';
import type { DataSource, QueryRunner } from 'typeorm';

/** Every row of every table of the projection, in key order: what "equal read models" compares. */
export async function snapshotTables(
  db: DataSource,
  projection: Projection,
  suffix = '',
): Promise<Record<string, unknown[]>> {
  const keys: Record<string, string> = {
    declaration_list: 'declaration_id',
    declaration_actions: 'declaration_id, version',
    indicator_rows: 'declaration_id, indicator_id',
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const table of projection.tables) {
    snapshot[table] = await db.query(`SELECT * FROM ${table}${suffix} ORDER BY ${keys[table] ?? '1'}`);
  }
  return snapshot;
}

/**
 * Catches the projection up until it has applied every event in the log. Other test files'
 * open transactions (anywhere on the server) can briefly hold back what a log reader may see,
 * so one catch-up is not always enough.
 */
export async function catchUpFully(
  db: DataSource,
  projection: Projection,
  onParked?: OnParked,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await catchUp(db, projection, { onParked });
    const [row] = await db.query<{ behind: boolean }[]>(
      `SELECT (SELECT count(*) FROM events) > coalesce((SELECT events_applied FROM projection_checkpoints WHERE name = $1), 0) AS behind`,
      [projection.name],
    );
    if (!row!.behind) return;
    if (Date.now() > deadline) throw new Error(`${projection.name} did not catch up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A fresh replay of the log, up to where the live projection stands, into `<table>__check`
 * tables, for comparison with the live ones.
 */
export async function freshReplay(db: DataSource, projection: Projection): Promise<Record<string, unknown[]>> {
  const check = Object.fromEntries(projection.tables.map((t) => [t, `${t}__check`]));
  for (const table of projection.tables) {
    await db.query(`DROP TABLE IF EXISTS ${check[table]}`);
    await db.query(`CREATE TABLE ${check[table]} (LIKE ${table} INCLUDING ALL)`);
  }
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const [live] = await db.query<{ transaction_id: string; global_position: string }[]>(
      `SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = $1`,
      [projection.name],
    );
    const upTo = {
      transactionId: BigInt(live?.transaction_id ?? 0),
      globalPosition: BigInt(live?.global_position ?? 0),
    };
    // A stream the replay cannot apply keeps its rows as of the event before (as the live tables do).
    await projection.replay(
      runner,
      upTo,
      check,
      () => Promise.resolve(),
      () => Promise.resolve(),
    );
  } finally {
    await runner.release();
  }
  return snapshotTables(db, projection, '__check');
}

/** Waits until every event in the log is visible to log readers (see catchUpFully). */
export async function waitUntilReadable(db: DataSource, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.query<{ held: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
    );
    if (!row!.held) return;
    if (Date.now() > deadline) throw new Error('events stayed held back by open transactions');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `inner`, doing `then` in the batch's transaction after each batch it applied (to count, fail or cut the connection). */
export function afterApply(
  inner: Projection,
  then: (db: QueryRunner, events: readonly StoredEvent[]) => Promise<void> | void,
): Projection {
  return {
    name: inner.name,
    tables: inner.tables,
    replay: inner.replay.bind(inner),
    restore: inner.restore.bind(inner),
    async apply(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap) {
      await inner.apply(db, events, tables);
      await then(db, events);
    },
  };
}
