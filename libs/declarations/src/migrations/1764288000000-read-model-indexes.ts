import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes the reads were missing. pg_trgm takes no trigram from a pattern shorter than three
 * characters, and two-character words are the common Chinese search (培训, 就业): such a `q`
 * scanned every row of the list. Their characters, as an array, narrow it to the rows holding all
 * of them. And the inbox asks, per declaration of a queue, whether the caller acted on it: the
 * primary key served it by reading every action of the declaration.
 */
export class ReadModelIndexes1764288000000 implements MigrationInterface {
  name = 'ReadModelIndexes1764288000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX declaration_list_characters ON declaration_list USING gin (string_to_array(search_text, NULL))`,
    );
    await db.query(`CREATE INDEX declaration_actions_by_declaration ON declaration_actions (declaration_id, user_id)`);
    // The planner knows how common each character is only once ANALYZE has read the new expression:
    // without it, it guesses a handful of rows and skips combining the index with the state's.
    await db.query(`ANALYZE declaration_list`);
  }

  async down(db: QueryRunner): Promise<void> {
    // A rebuild renames a read model's indexes `<name>__r` and back: either may be the live one.
    await db.query(`DROP INDEX IF EXISTS declaration_list_characters, declaration_list_characters__r`);
    await db.query(`DROP INDEX IF EXISTS declaration_actions_by_declaration, declaration_actions_by_declaration__r`);
  }
}
