import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The body of `es_event_hash` as made here; verify checks the database still holds it (hash-function.ts). */
export const ES_EVENT_HASH_BODY = `
        SELECT encode(sha256(convert_to(concat_ws(E'\\n',
          coalesce(p_previous_hash, ''), p_stream_id, p_stream_version::text, p_type,
          p_data::text, p_metadata::text,
          to_char(p_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        ), 'UTF8')), 'hex')
      `;

/**
 * The log and the record of handled commands. Both are append-only, enforced by triggers.
 * `es_append` does the whole append in one round trip: it reads the stream head, checks the
 * expected version and chains each event's SHA-256 to the previous one in its stream.
 * The hash input is documented in libs/event-store/README.md so auditors can recompute it.
 */
export class CreateEventStore1764064800000 implements MigrationInterface {
  name = 'CreateEventStore1764064800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version >= 1),
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        previous_hash text,
        hash text NOT NULL,
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await db.query(`CREATE INDEX events_commit_order ON events (transaction_id, global_position)`);
    await db.query(`
      CREATE TABLE commands (
        command_id text PRIMARY KEY,
        stream_id text NOT NULL,
        fingerprint text,
        result jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE FUNCTION es_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'ES403';
      END $$`);
    for (const table of ['events', 'commands']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION es_forbid_change()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change()`);
    }
    await db.query(`
      CREATE FUNCTION es_event_hash(
        p_previous_hash text, p_stream_id text, p_stream_version integer, p_type text,
        p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz
      ) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$${ES_EVENT_HASH_BODY}$$`);
    // p_expected_version: NULL = any, 0 = the stream must not exist, n = exactly n.
    // With a command id, a repeat returns the stored result and appends nothing; the row is
    // written in the same transaction as the events, so both land or neither does.
    await db.query(`
      CREATE FUNCTION es_append(
        p_stream_id text, p_expected_version integer, p_events jsonb, p_metadata jsonb,
        p_command_id text, p_fingerprint text, p_outcome jsonb
      ) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        v_previous jsonb;
        v_current integer;
        v_hash text;
        v_now timestamptz := date_trunc('milliseconds', now());
        v_event jsonb;
        v_version integer;
        v_position bigint;
        v_result jsonb;
      BEGIN
        IF p_command_id IS NOT NULL THEN
          SELECT c.result INTO v_previous FROM commands c WHERE c.command_id = p_command_id;
          IF FOUND THEN
            RETURN v_previous || jsonb_build_object('duplicate', true);
          END IF;
        END IF;
        SELECT e.stream_version, e.hash INTO v_current, v_hash
          FROM events e WHERE e.stream_id = p_stream_id
          ORDER BY e.stream_version DESC LIMIT 1;
        v_current := coalesce(v_current, 0);
        IF p_expected_version IS NOT NULL AND p_expected_version <> v_current THEN
          RAISE EXCEPTION 'stream % is at version %, expected %', p_stream_id, v_current, p_expected_version
            USING ERRCODE = 'ES409', DETAIL = v_current::text;
        END IF;
        v_version := v_current;
        FOR v_event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
          v_version := v_version + 1;
          INSERT INTO events (stream_id, stream_version, type, data, metadata, recorded_at, previous_hash, hash)
          VALUES (p_stream_id, v_version, v_event->>'type', v_event->'data', p_metadata, v_now, v_hash,
                  es_event_hash(v_hash, p_stream_id, v_version, v_event->>'type', v_event->'data', p_metadata, v_now))
          RETURNING hash, global_position INTO v_hash, v_position;
        END LOOP;
        v_result := jsonb_build_object(
          'streamId', p_stream_id,
          'firstVersion', v_current + 1,
          'nextExpectedVersion', v_version,
          'transactionId', pg_current_xact_id()::text,
          'globalPosition', v_position::text,
          'recordedAt', v_now,
          'fingerprint', p_fingerprint,
          'outcome', coalesce(p_outcome, 'null'::jsonb));
        IF p_command_id IS NOT NULL THEN
          INSERT INTO commands (command_id, stream_id, fingerprint, result, recorded_at)
          VALUES (p_command_id, p_stream_id, p_fingerprint, v_result, v_now);
        END IF;
        RETURN v_result || jsonb_build_object('duplicate', false);
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION es_append(text, integer, jsonb, jsonb, text, text, jsonb)`);
    await db.query(`DROP FUNCTION es_event_hash(text, text, integer, text, jsonb, jsonb, timestamptz)`);
    await db.query(`DROP TABLE commands`);
    await db.query(`DROP TABLE events`);
    await db.query(`DROP FUNCTION es_forbid_change()`);
  }
}
