import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Streams a projection or log consumer could not apply (a poison event): it skips them and goes
 * on with every other stream until an operator retries. `name` is the checkpoint's name, so a
 * rebuild's own parked streams (`<name>:rebuild`) replace the live ones at its swap.
 */
export class ParkedStreams1796608543000 implements MigrationInterface {
  name = 'ParkedStreams1796608543000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE parked_streams (
        name text NOT NULL,
        stream_id text NOT NULL,
        transaction_id bigint NOT NULL,
        global_position bigint NOT NULL,
        event_type text NOT NULL,
        error text NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, stream_id)
      )`);
    // How many streams a rebuild left out, to report it.
    await db.query(`ALTER TABLE read_model_rebuilds ADD COLUMN parked integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE read_model_rebuilds DROP COLUMN parked`);
    await db.query(`DROP TABLE parked_streams`);
  }
}
