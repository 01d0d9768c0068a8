import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 审核意见 per indicator row of a draft's last return, for the preparer's inbox (what to fix);
 * null where the return gave none. Rows written before it read as none until they are re-derived.
 */
export class ReturnOpinions1796700500000 implements MigrationInterface {
  name = 'ReturnOpinions1796700500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE declaration_list ADD COLUMN return_opinions jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE declaration_list DROP COLUMN return_opinions`);
  }
}
