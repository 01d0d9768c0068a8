import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trigram index on `indicator_rows.name` served no query: the indicator table filters on
 * `lower(name) LIKE`, which an index of `name` cannot answer (EXPLAIN scans the table either way).
 * It was the third-largest index to build, in every rebuild and every write. Should that filter
 * need an index, it is one on `lower(name)`.
 */
export class DropIndicatorNameIndex1796702100000 implements MigrationInterface {
  name = 'DropIndicatorNameIndex1796702100000';

  async up(db: QueryRunner): Promise<void> {
    // A rebuild renames a read model's indexes `<name>__r` and back: either may be the live one.
    await db.query(`DROP INDEX IF EXISTS indicator_rows_name, indicator_rows_name__r`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX indicator_rows_name ON indicator_rows USING gin (name gin_trgm_ops)`);
  }
}
