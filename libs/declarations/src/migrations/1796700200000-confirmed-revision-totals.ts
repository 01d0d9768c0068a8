import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last confirmed revision of each declaration and its 年度资金申请总额, so statistics keep
 * counting it as confirmed while an amendment is under way. Filled by the `declarations`
 * projection; rows written before this migration get them when the read model is rebuilt
 * (`npm run cli -- read-models rebuild declarations`) or when their declaration next changes.
 */
export class ConfirmedRevisionTotals1796700200000 implements MigrationInterface {
  name = 'ConfirmedRevisionTotals1796700200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE declaration_list ADD COLUMN confirmed_revision integer, ADD COLUMN confirmed_annual_total bigint`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE declaration_list DROP COLUMN confirmed_revision, DROP COLUMN confirmed_annual_total`);
  }
}
