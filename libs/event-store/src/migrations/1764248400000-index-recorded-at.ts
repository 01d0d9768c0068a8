import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Time-window reads of the log (as-of reads, the auditor's export) by recorded time. */
export class IndexRecordedAt1764248400000 implements MigrationInterface {
  name = 'IndexRecordedAt1764248400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX events_recorded_at ON events (recorded_at, global_position)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_recorded_at`);
  }
}
