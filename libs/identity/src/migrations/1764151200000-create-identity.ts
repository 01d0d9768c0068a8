import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations and users. `name_key` holds `organisationNameKey(name)` (written by the lib) so a
 * name printed with half-width parentheses or stray spaces finds its row, and two names that
 * differ only that way cannot both exist. A preparer's `department_id` is their unit's, kept so
 * by the composite foreign key; roles without a unit or department scope leave them NULL.
 * The role list is frozen here on purpose: a new role needs a migration of its own.
 */
export class CreateIdentity1764151200000 implements MigrationInterface {
  name = 'CreateIdentity1764151200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE departments (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
        name text NOT NULL UNIQUE,
        name_key text NOT NULL UNIQUE
      )`);
    await db.query(`
      CREATE TABLE units (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
        name text NOT NULL UNIQUE,
        name_key text NOT NULL UNIQUE,
        department_id text NOT NULL REFERENCES departments (id) ON UPDATE CASCADE,
        CONSTRAINT units_id_department_unique UNIQUE (id, department_id)
      )`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username = btrim(username) AND username <> ''),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN
          ('preparer', 'department_reviewer', 'bureau_signer', 'finance_officer', 'auditor', 'admin')),
        unit_id text,
        department_id text REFERENCES departments (id) ON UPDATE CASCADE,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_unit_in_its_department FOREIGN KEY (unit_id, department_id)
          REFERENCES units (id, department_id) ON UPDATE CASCADE,
        CONSTRAINT users_scope_fits_role CHECK (CASE
          WHEN role = 'preparer' THEN unit_id IS NOT NULL AND department_id IS NOT NULL
          WHEN role IN ('department_reviewer', 'bureau_signer') THEN unit_id IS NULL AND department_id IS NOT NULL
          ELSE unit_id IS NULL AND department_id IS NULL
        END)
      )`);
    await db.query(`CREATE UNIQUE INDEX users_username_unique ON users (lower(username))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE units`);
    await db.query(`DROP TABLE departments`);
  }
}
