import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each projection has got to in the log, and the rebuilds asked for. */
export class CreateProjectionState1764237600000 implements MigrationInterface {
  name = 'CreateProjectionState1764237600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        transaction_id bigint NOT NULL DEFAULT 0,
        global_position bigint NOT NULL DEFAULT 0,
        events_applied bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE read_model_rebuilds (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'swapping', 'completed', 'failed')),
        events_total bigint,
        events_done bigint NOT NULL DEFAULT 0,
        requested_by text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        error text
      )`);
    await db.query(`CREATE INDEX read_model_rebuilds_by_name ON read_model_rebuilds (name, requested_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE read_model_rebuilds`);
    await db.query(`DROP TABLE projection_checkpoints`);
  }
}
