import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the other side said when a delivery failed (an SMTP reply, an HTTP status), as recorded in
 * the event since this migration; older failures have it only inside `error` (DeliveryError's
 * message), where the list still finds it.
 */
export class DeliveryDetails1796702300000 implements MigrationInterface {
  name = 'DeliveryDetails1796702300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notice_deliveries ADD COLUMN error_detail text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notice_deliveries DROP COLUMN error_detail`);
  }
}
