import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `workflow-notices` log consumer starts at the end of the log as it stands when this runs: a
 * deployment that already holds a season's history must not tell everyone about every step
 * taken before workflow notices existed. (On an empty log it starts at the beginning.)
 */
export class WorkflowNoticesCheckpoint1796700100000 implements MigrationInterface {
  name = 'WorkflowNoticesCheckpoint1796700100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      INSERT INTO projection_checkpoints (name, transaction_id, global_position)
      SELECT 'workflow-notices', transaction_id::text::bigint, global_position FROM events
       ORDER BY transaction_id DESC, global_position DESC LIMIT 1
      ON CONFLICT (name) DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM projection_checkpoints WHERE name = 'workflow-notices'`);
  }
}
