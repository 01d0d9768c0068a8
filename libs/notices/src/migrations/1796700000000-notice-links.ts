import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each notice's link into the console (`<PUBLIC_URL>/console/declarations/<id>`); null on older ones. */
export class NoticeLinks1796700000000 implements MigrationInterface {
  name = 'NoticeLinks1796700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notices ADD COLUMN link text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notices DROP COLUMN link`);
  }
}
