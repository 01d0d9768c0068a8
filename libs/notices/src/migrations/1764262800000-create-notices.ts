import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notices read model (each person's list and the deliveries), kept by the `notices`
 * projection and rebuildable from the log; and an index to find a declaration's notices in
 * the log itself, for its history.
 */
export class CreateNotices1764262800000 implements MigrationInterface {
  name = 'CreateNotices1764262800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notices (
        notice_id uuid PRIMARY KEY,
        recipient_id text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        declaration_id uuid,
        stage text,
        due_at timestamptz,
        items jsonb NOT NULL DEFAULT '[]',
        channels jsonb NOT NULL DEFAULT '[]',
        sent_at timestamptz NOT NULL,
        read_at timestamptz
      )`);
    await db.query(`CREATE INDEX notices_by_recipient ON notices (recipient_id, sent_at DESC, notice_id)`);
    await db.query(`CREATE INDEX notices_unread ON notices (recipient_id) WHERE read_at IS NULL`);
    await db.query(`
      CREATE TABLE notice_deliveries (
        notice_id uuid NOT NULL,
        channel text NOT NULL,
        recipient_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (notice_id, channel)
      )`);
    await db.query(`CREATE INDEX notice_deliveries_by_status ON notice_deliveries (status, updated_at DESC)`);
    await db.query(
      `CREATE INDEX events_notice_declaration ON events ((data->>'declarationId')) WHERE type = 'NoticeSent'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_notice_declaration`);
    await db.query(`DROP TABLE notice_deliveries`);
    await db.query(`DROP TABLE notices`);
  }
}
