import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When the stage a declaration waits in is due: for the inbox and for overdue queries. */
export class AddDueAt1764252000000 implements MigrationInterface {
  name = 'AddDueAt1764252000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE declaration_list ADD COLUMN due_at timestamptz`);
    await db.query(`CREATE INDEX declaration_list_due ON declaration_list (due_at) WHERE due_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE declaration_list DROP COLUMN due_at`);
  }
}
