import { describe, expect, it } from '@jest/globals';
import { hashFunctionIntact } from '@app/event-store';
import { usePostgres } from '../support/postgres.js';

const pg = usePostgres(2);

/** Runs `change` as the superuser in a transaction that is rolled back, and asks whether the hash function is intact meanwhile. */
async function intactAfter(change: string): Promise<boolean> {
  const runner = pg.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(change);
    return await hashFunctionIntact((text, params) => runner.query(text, params));
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

const SIGNATURE = `p_previous_hash text, p_stream_id text, p_stream_version integer, p_type text,
                   p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz`;

describe('the check that the database still computes event hashes as its migration defined', () => {
  it('holds for the migrated database', async () => {
    expect(await hashFunctionIntact((text, params) => pg.dataSource.query(text, params))).toBe(true);
  });

  it.each([
    [
      'es_event_hash replaced by a lookup of the stored hash',
      `CREATE OR REPLACE FUNCTION es_event_hash(${SIGNATURE}) RETURNS text LANGUAGE sql STABLE AS $$
         SELECT hash FROM events WHERE stream_id = p_stream_id AND stream_version = p_stream_version $$`,
    ],
    [
      'its body changed by a space',
      `DO $do$ BEGIN EXECUTE format('CREATE OR REPLACE FUNCTION es_event_hash(${SIGNATURE}) RETURNS text LANGUAGE sql IMMUTABLE AS %L',
         (SELECT prosrc || ' ' FROM pg_proc WHERE proname = 'es_event_hash')); END $do$`,
    ],
    [
      'a copy of it in another schema',
      `CREATE SCHEMA shadow; CREATE FUNCTION shadow.es_event_hash(${SIGNATURE}) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$`,
    ],
    ['a search path attached to it', `ALTER FUNCTION es_event_hash SET search_path = shadow, public`],
    [
      'a built-in it calls replaced',
      `CREATE OR REPLACE FUNCTION pg_catalog.sha256(bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$`,
    ],
  ])('fails when %s', async (_what, change) => {
    expect(await intactAfter(change)).toBe(false);
  });
});
