import { checkpointOf, readLog, type Sql, type StoredEvent } from '@app/event-store';
import { UnreadableEventError } from '@app/platform';
import type { DataSource, QueryRunner } from 'typeorm';
import { lockCheckpoint, moveCheckpoint } from './checkpoints.js';
import { isPoison, park, parkedStreamIds, type OnParked } from './parked-streams.js';
import { liveTables, type Projection, type TableMap } from './projection.js';

export interface CatchUpResult {
  applied: number;
  /** Another worker held the checkpoint: it is catching up, this one stood aside. */
  busy: boolean;
}

export const sqlOf =
  (db: QueryRunner): Sql =>
  (text, params) =>
    db.query(text, params);

type Applies = Pick<Projection, 'name' | 'tables' | 'apply'>;

/**
 * Brings a projection up to the end of the log, one batch per transaction: the batch's rows
 * and the moved checkpoint commit together, so a worker killed mid-batch leaves nothing half
 * applied, and a restart carries on from the last committed batch. A stream it cannot apply is
 * parked (see applyBatch), so one bad event never stops the others.
 */
export async function catchUp(
  dataSource: DataSource,
  projection: Applies,
  options: {
    batchSize?: number;
    maxBatches?: number;
    checkpointName?: string;
    tables?: TableMap;
    onParked?: OnParked;
  } = {},
): Promise<CatchUpResult> {
  const name = options.checkpointName ?? projection.name;
  const tables = options.tables ?? liveTables(projection);
  let applied = 0;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const step = await inTransaction(dataSource, async (db) => {
      const checkpoint = await lockCheckpoint(db, name);
      if (!checkpoint) return null;
      const events = await readLog(sqlOf(db), { after: checkpoint, limit: options.batchSize ?? 500 });
      if (events.length === 0) return 0;
      await applyBatch(db, { projection, name, tables, onParked: options.onParked }, events);
      await moveCheckpoint(db, name, checkpointOf(events.at(-1)!), events.length);
      return events.length;
    });
    if (step === null) return { applied, busy: true };
    if (step === 0) break;
    applied += step;
  }
  return { applied, busy: false };
}

export interface Target {
  projection: Applies;
  /** The checkpoint's name: parked streams are kept per checkpoint. */
  name: string;
  tables: TableMap;
  onParked?: OnParked;
}

/**
 * Applies a batch, leaving out the streams parked before. If the batch fails because of its
 * data, it is applied again stream by stream, each behind a savepoint, and the streams that fail
 * are parked at their first event in the batch. (Streams are independent in every read model.)
 */
export async function applyBatch(db: QueryRunner, target: Target, read: readonly StoredEvent[]): Promise<void> {
  const parked = await parkedStreamIds(db, target.name);
  const events = parked.size > 0 ? read.filter((e) => !parked.has(e.streamId)) : read;
  if (events.length === 0) return;
  try {
    await db.query('SAVEPOINT batch');
    await target.projection.apply(db, events, target.tables);
    await db.query('RELEASE SAVEPOINT batch');
    return;
  } catch (error) {
    if (!isPoison(error)) throw error;
    await db.query('ROLLBACK TO SAVEPOINT batch');
  }
  for (const stream of byStream(events)) {
    const error = await applyInSavepoint(db, target, stream);
    if (error === null) continue;
    // What came before the bad event still counts, as a rebuild writes it (rows as of the last
    // event that could be applied).
    const at = error instanceof UnreadableEventError ? error.streamVersion : undefined;
    const before = at === undefined ? [] : stream.filter((e) => e.streamVersion < at);
    if (before.length > 0) await applyInSavepoint(db, target, before);
    await park(db, target.name, stream[0]!, error);
    target.onParked?.(target.name, stream[0]!, error);
  }
}

/** Applies one stream's events behind a savepoint; answers the data's failure, or null. */
async function applyInSavepoint(db: QueryRunner, target: Target, stream: StoredEvent[]): Promise<unknown> {
  try {
    await db.query('SAVEPOINT stream');
    await target.projection.apply(db, stream, target.tables);
    await db.query('RELEASE SAVEPOINT stream');
    return null;
  } catch (error) {
    if (!isPoison(error)) throw error;
    await db.query('ROLLBACK TO SAVEPOINT stream');
    return error;
  }
}

function byStream(events: readonly StoredEvent[]): StoredEvent[][] {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const stream = streams.get(event.streamId);
    if (stream) stream.push(event);
    else streams.set(event.streamId, [event]);
  }
  return [...streams.values()];
}

export async function inTransaction<T>(dataSource: DataSource, work: (db: QueryRunner) => Promise<T>): Promise<T> {
  const db = dataSource.createQueryRunner();
  await db.connect();
  try {
    await db.startTransaction();
    const result = await work(db);
    await db.commitTransaction();
    return result;
  } catch (error) {
    if (db.isTransactionActive) await db.rollbackTransaction();
    throw error;
  } finally {
    await db.release();
  }
}
