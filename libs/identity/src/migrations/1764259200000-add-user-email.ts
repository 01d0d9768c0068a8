import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a person's notices are e-mailed; optional, and not unique (a shared office mailbox is fine). */
export class AddUserEmail1764259200000 implements MigrationInterface {
  name = 'AddUserEmail1764259200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE users ADD COLUMN email text CHECK (email IS NULL OR (email = btrim(email) AND email LIKE '%_@_%'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
