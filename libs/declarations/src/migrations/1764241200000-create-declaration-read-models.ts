import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read side of declarations, kept by the `declarations` projection from the log. These
 * tables can be dropped and rebuilt from the events at any time; the log is the record.
 */
export class CreateDeclarationReadModels1764241200000 implements MigrationInterface {
  name = 'CreateDeclarationReadModels1764241200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE declaration_list (
        declaration_id uuid PRIMARY KEY,
        unit_id text NOT NULL,
        department_id text NOT NULL,
        year integer NOT NULL,
        project_name text NOT NULL,
        nature text NOT NULL,
        category text,
        state text NOT NULL,
        revision integer NOT NULL,
        version integer NOT NULL,
        project_total bigint,
        annual_total bigint,
        current_year_appropriation bigint,
        carry_over bigint,
        other_funds bigint,
        indicator_count integer NOT NULL,
        submitted_by text,
        submitted_at timestamptz,
        stage_entered_at timestamptz NOT NULL,
        returned_by text,
        returned_at timestamptz,
        returned_stage text,
        return_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        search_text text NOT NULL
      )`);
    await db.query(`CREATE INDEX declaration_list_unit ON declaration_list (unit_id, year, state)`);
    await db.query(
      `CREATE INDEX declaration_list_department ON declaration_list (department_id, state, stage_entered_at)`,
    );
    await db.query(`CREATE INDEX declaration_list_state ON declaration_list (state, stage_entered_at)`);
    await db.query(`CREATE INDEX declaration_list_updated ON declaration_list (updated_at DESC, declaration_id)`);
    await db.query(`CREATE INDEX declaration_list_search ON declaration_list USING gin (search_text gin_trgm_ops)`);
    await db.query(`
      CREATE TABLE declaration_actions (
        declaration_id uuid NOT NULL,
        version integer NOT NULL,
        user_id text NOT NULL,
        action text NOT NULL,
        stage text,
        revision integer NOT NULL,
        at timestamptz NOT NULL,
        comment text,
        PRIMARY KEY (declaration_id, version)
      )`);
    await db.query(`CREATE INDEX declaration_actions_by_user ON declaration_actions (user_id, at DESC)`);
    await db.query(`
      CREATE TABLE indicator_rows (
        declaration_id uuid NOT NULL,
        indicator_id text NOT NULL,
        position integer NOT NULL,
        unit_id text NOT NULL,
        department_id text NOT NULL,
        year integer NOT NULL,
        state text NOT NULL,
        project_name text NOT NULL,
        level1 text NOT NULL,
        level2 text NOT NULL,
        name text NOT NULL,
        target text,
        kind text NOT NULL,
        comparator text,
        value numeric,
        unit text,
        PRIMARY KEY (declaration_id, indicator_id)
      )`);
    await db.query(`CREATE INDEX indicator_rows_levels ON indicator_rows (level1, level2, year)`);
    await db.query(`CREATE INDEX indicator_rows_name ON indicator_rows USING gin (name gin_trgm_ops)`);
    // Finding a unit's declarations in the log itself (the .xlsx export reads the log, not a read model).
    await db.query(`CREATE INDEX events_drafted_unit ON events ((data->>'unitId')) WHERE type = 'DeclarationDrafted'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_drafted_unit`);
    await db.query(`DROP TABLE indicator_rows`);
    await db.query(`DROP TABLE declaration_actions`);
    await db.query(`DROP TABLE declaration_list`);
  }
}
