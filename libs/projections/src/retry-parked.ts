import { readStreamUpTo } from '@app/event-store';
import { AppError, say } from '@app/platform';
import type { DataSource } from 'typeorm';
import { lockCheckpointAndWait } from './checkpoints.js';
import { isPoison, listParked } from './parked-streams.js';
import { liveTables, type Projection } from './projection.js';
import { inTransaction, sqlOf } from './projection-runner.js';

/**
 * After a fix, writes a parked stream's rows afresh from all its events the projection has passed,
 * and from then on applies it again. Holding the projection's checkpoint, so no catch-up moves
 * in between. Still failing: 409, and it stays parked.
 */
export async function retryParked(dataSource: DataSource, projection: Projection, streamId: string): Promise<void> {
  const name = projection.name;
  await inTransaction(dataSource, async (db) => {
    const checkpoint = await lockCheckpointAndWait(db, name);
    const parked = (await listParked(db, name)).find((p) => p.streamId === streamId);
    if (!parked) throw new AppError('NOT_FOUND', say('readModel.notParked', { name, streamId }));
    const events = await readStreamUpTo(sqlOf(db), streamId, checkpoint);
    try {
      await db.query('SAVEPOINT retry');
      await projection.restore(db, events, liveTables(projection));
    } catch (error) {
      if (!isPoison(error)) throw error;
      await db.query('ROLLBACK TO SAVEPOINT retry');
      throw new AppError('STREAM_STILL_PARKED', say('readModel.stillParked', { streamId }), [], {
        streamId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    await db.query(`DELETE FROM parked_streams WHERE name = $1 AND stream_id = $2`, [name, streamId]);
  });
}
