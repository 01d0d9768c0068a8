import type { MigrationInterface, QueryRunner } from 'typeorm';

/** es_append with the key id as made here (AppendHeadHash1796700850000 delegates it and puts it back on down). */
export const ES_APPEND_WITH_KEY = `
      CREATE FUNCTION es_append(
        p_stream_id text, p_expected_version integer, p_events jsonb, p_metadata jsonb,
        p_command_id text, p_fingerprint text, p_outcome jsonb, p_key_id text
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
          INSERT INTO events (stream_id, stream_version, type, data, metadata, recorded_at, previous_hash, hash, key_id, proof)
          VALUES (p_stream_id, v_version, v_event->>'type', v_event->'data', p_metadata, v_now, v_hash,
                  es_event_hash(v_hash, p_stream_id, v_version, v_event->>'type', v_event->'data', p_metadata, v_now),
                  p_key_id, v_event->>'proof')
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
      END $$`;

/**
 * Proof on every event and the signed checkpoints over the log (libs/event-store/README.md#proofs).
 * `es_append` gains an eighth parameter, the key id, and takes each event's proof from the event
 * (`{type, data, proof}`): the HMAC is made by the api/worker process before the insert, the
 * database only stores it. The seven-parameter `es_append` stays as it was and writes events
 * without proof: anyone may still call it, and verify reports what it wrote as `unsigned`.
 * `log_leaves` is the tree's leaf list as the checkpointer saw it (commit order), `signed_checkpoints`
 * the tree heads it signed; both append-only like the log.
 */
export class EventProofs1796690000000 implements MigrationInterface {
  name = 'EventProofs1796690000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE events ADD COLUMN key_id text, ADD COLUMN proof text`);
    await db.query(ES_APPEND_WITH_KEY);
    await db.query(appendMany(`, v_item->>'keyId'`));
    await db.query(`
      CREATE TABLE log_leaves (
        leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
        global_position bigint NOT NULL UNIQUE,
        transaction_id xid8 NOT NULL,
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        hash text NOT NULL,
        proven boolean NOT NULL
      )`);
    await db.query(`
      CREATE TABLE signed_checkpoints (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 1),
        root_hash text NOT NULL,
        key_id text NOT NULL,
        issued_at timestamptz NOT NULL,
        body text NOT NULL,
        signature text NOT NULL
      )`);
    for (const table of ['log_leaves', 'signed_checkpoints']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION es_forbid_change()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE signed_checkpoints`);
    await db.query(`DROP TABLE log_leaves`);
    await db.query(appendMany(''));
    await db.query(`DROP FUNCTION es_append(text, integer, jsonb, jsonb, text, text, jsonb, text)`);
    await db.query(`ALTER TABLE events DROP COLUMN proof, DROP COLUMN key_id`);
  }
}

/** es_append_many as in AppendMany1764273600000, calling es_append with `keyArgument` appended. */
function appendMany(keyArgument: string): string {
  return `
    CREATE OR REPLACE FUNCTION es_append_many(p_appends jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
    DECLARE
      v_item jsonb;
      v_result jsonb;
      v_results jsonb[] := '{}';
    BEGIN
      FOR v_item IN SELECT value FROM jsonb_array_elements(p_appends) LOOP
        v_result := es_append(
          v_item->>'streamId', (v_item->>'expectedVersion')::integer, v_item->'events', v_item->'metadata',
          v_item->>'commandId', v_item->>'fingerprint', v_item->'outcome'${keyArgument});
        IF (v_result->>'duplicate')::boolean AND v_result->>'fingerprint' IS DISTINCT FROM v_item->>'fingerprint' THEN
          RAISE EXCEPTION 'command % was already used for a different request', v_item->>'commandId'
            USING ERRCODE = 'ES422', DETAIL = v_item->>'commandId';
        END IF;
        v_results := array_append(v_results, v_result);
      END LOOP;
      RETURN to_jsonb(v_results);
    END $$`;
}
