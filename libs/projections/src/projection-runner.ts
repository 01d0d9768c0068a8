import { checkpointOf, readLog, type Sql } from '@app/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { lockCheckpoint, moveCheckpoint } from './checkpoints.js';
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

/**
 * Brings a projection up to the end of the log, one batch per transaction: the batch's rows
 * and the moved checkpoint commit together, so a worker killed mid-batch leaves nothing half
 * applied, and a restart carries on from the last committed batch.
 */
export async function catchUp(
  dataSource: DataSource,
  projection: Pick<Projection, 'name' | 'tables' | 'apply'>,
  options: { batchSize?: number; maxBatches?: number; checkpointName?: string; tables?: TableMap } = {},
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
      await projection.apply(db, events, tables);
      await moveCheckpoint(db, name, checkpointOf(events.at(-1)!), events.length);
      return events.length;
    });
    if (step === null) return { applied, busy: true };
    if (step === 0) break;
    applied += step;
  }
  return { applied, busy: false };
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
