import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each signed checkpoint was sent beyond CHECKPOINT_DIR (`webhook`, `email`), and each checkpoint
 * whose events without valid proof the admins were told of (`admins`): the worker sends the
 * latest checkpoint once per channel, across restarts and workers. Append-only like the log.
 */
export class CheckpointPublications1796700700000 implements MigrationInterface {
  name = 'CheckpointPublications1796700700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE checkpoint_publications (
        tree_size bigint NOT NULL CHECK (tree_size >= 1),
        channel text NOT NULL CHECK (channel IN ('webhook', 'email', 'admins')),
        published_at timestamptz NOT NULL,
        recipients text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (tree_size, channel)
      )`);
    await db.query(`CREATE TRIGGER checkpoint_publications_append_only BEFORE UPDATE OR DELETE ON checkpoint_publications
      FOR EACH ROW EXECUTE FUNCTION es_forbid_change()`);
    await db.query(`CREATE TRIGGER checkpoint_publications_no_truncate BEFORE TRUNCATE ON checkpoint_publications
      FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE checkpoint_publications`);
  }
}
