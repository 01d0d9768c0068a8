import type { LogCheckpoint } from '@app/event-store';
import type { QueryRunner } from 'typeorm';

interface CheckpointRow {
  transaction_id: string;
  global_position: string;
}

const toCheckpoint = (row: CheckpointRow): LogCheckpoint => ({
  transactionId: BigInt(row.transaction_id),
  globalPosition: BigInt(row.global_position),
});

/**
 * Takes the projection's checkpoint row for this transaction. SKIP LOCKED: when another worker
 * holds it, that worker is already catching up, so this one has nothing to do (null).
 */
export async function lockCheckpoint(db: QueryRunner, name: string): Promise<LogCheckpoint | null> {
  await db.query(`INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
  const rows = (await db.query(
    `SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = $1 FOR UPDATE SKIP LOCKED`,
    [name],
  )) as CheckpointRow[];
  return rows[0] ? toCheckpoint(rows[0]) : null;
}

/** Waits for the row instead of skipping: for the swap at the end of a rebuild. */
export async function lockCheckpointAndWait(db: QueryRunner, name: string): Promise<LogCheckpoint> {
  await db.query(`INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
  const rows = (await db.query(
    `SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = $1 FOR UPDATE`,
    [name],
  )) as CheckpointRow[];
  return toCheckpoint(rows[0]!);
}

export async function moveCheckpoint(db: QueryRunner, name: string, to: LogCheckpoint, applied: number): Promise<void> {
  await db.query(
    `UPDATE projection_checkpoints
        SET transaction_id = $2, global_position = $3, events_applied = events_applied + $4, updated_at = now()
      WHERE name = $1`,
    [name, to.transactionId.toString(), to.globalPosition.toString(), applied],
  );
}

export async function setCheckpoint(db: QueryRunner, name: string, to: LogCheckpoint, applied: number): Promise<void> {
  await db.query(
    `INSERT INTO projection_checkpoints (name, transaction_id, global_position, events_applied, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (name) DO UPDATE
       SET transaction_id = $2, global_position = $3, events_applied = $4, updated_at = now()`,
    [name, to.transactionId.toString(), to.globalPosition.toString(), applied],
  );
}
