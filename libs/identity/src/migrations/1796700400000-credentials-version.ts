import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-user credentials version, carried in every token and session the user is given: a
 * password change, a deactivation, or a change of role or scope raises it, so every token issued
 * before no longer matches. It only ever grows: reactivating a user does not revive old tokens.
 */
export class CredentialsVersion1796700400000 implements MigrationInterface {
  name = 'CredentialsVersion1796700400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN credentials_version integer NOT NULL DEFAULT 1
      CHECK (credentials_version >= 1)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN credentials_version`);
  }
}
