import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The import's duplicate check takes each form's oldest few matches (libs/imports/src/duplicates.ts):
 * with the creation time in the index they come in order and the scan stops there, however many
 * declarations share the project's name. Before, every match was read and sorted, and bench (c),
 * which imports the same 33 forms again and again, slowed with every file it imported.
 */
export class DuplicateLookupOrder1796702400000 implements MigrationInterface {
  name = 'DuplicateLookupOrder1796702400000';

  async up(db: QueryRunner): Promise<void> {
    // A rebuild renames a read model's indexes `<name>__r` and back: either may be the live one.
    await db.query(`DROP INDEX IF EXISTS declaration_list_project, declaration_list_project__r`);
    await db.query(
      `CREATE INDEX declaration_list_project ON declaration_list
         (unit_id, year, regexp_replace(project_name, '\\s', '', 'g'), created_at, declaration_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS declaration_list_project, declaration_list_project__r`);
    await db.query(
      `CREATE INDEX declaration_list_project ON declaration_list (unit_id, year, regexp_replace(project_name, '\\s', '', 'g'))`,
    );
  }
}
