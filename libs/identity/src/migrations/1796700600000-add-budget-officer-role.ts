import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The budget office (预算科) sets each budget year's cycle and calendar: a role with no scope. */
export class AddBudgetOfficerRole1796700600000 implements MigrationInterface {
  name = 'AddBudgetOfficerRole1796700600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN
      ('preparer', 'department_reviewer', 'bureau_signer', 'finance_officer', 'auditor', 'admin', 'budget_officer'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN
      ('preparer', 'department_reviewer', 'bureau_signer', 'finance_officer', 'auditor', 'admin'))`);
  }
}
