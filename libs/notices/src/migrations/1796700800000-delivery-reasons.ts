import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a delivery failed, as words for an admin (a message key and its parameters); null on older ones. */
export class DeliveryReasons1796700800000 implements MigrationInterface {
  name = 'DeliveryReasons1796700800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notice_deliveries ADD COLUMN error_reason jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notice_deliveries DROP COLUMN error_reason`);
  }
}
