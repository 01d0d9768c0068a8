import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ES_APPEND_WITH_KEY } from './1796690000000-event-proofs.js';

/**
 * `es_append` gains a ninth parameter, the hash of the event at the expected version, and returns
 * the stream's new last hash. A command deciding on a state this process folded before sends the
 * version and hash it was folded to, and the append is then the only round trip: a stream at that
 * version but ending in another hash is refused with ES410 (the state is not the log's; load it
 * again), never appended to. The eight-parameter `es_append` (es_append_many, scripts, tests) is the
 * same function without the hash check.
 */
export class AppendHeadHash1796700850000 implements MigrationInterface {
  name = 'AppendHeadHash1796700850000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION es_append(
        p_stream_id text, p_expected_version integer, p_events jsonb, p_metadata jsonb,
        p_command_id text, p_fingerprint text, p_outcome jsonb, p_key_id text, p_head_hash text
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
        IF p_head_hash IS NOT NULL AND v_hash IS DISTINCT FROM p_head_hash THEN
          RAISE EXCEPTION 'stream % at version % does not end in hash %', p_stream_id, v_current, p_head_hash
            USING ERRCODE = 'ES410', DETAIL = v_current::text;
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
          'outcome', coalesce(p_outcome, 'null'::jsonb),
          'hash', v_hash);
        IF p_command_id IS NOT NULL THEN
          INSERT INTO commands (command_id, stream_id, fingerprint, result, recorded_at)
          VALUES (p_command_id, p_stream_id, p_fingerprint, v_result, v_now);
        END IF;
        RETURN v_result || jsonb_build_object('duplicate', false);
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION es_append(
        p_stream_id text, p_expected_version integer, p_events jsonb, p_metadata jsonb,
        p_command_id text, p_fingerprint text, p_outcome jsonb, p_key_id text
      ) RETURNS jsonb LANGUAGE sql AS $$
        SELECT es_append(p_stream_id, p_expected_version, p_events, p_metadata,
                         p_command_id, p_fingerprint, p_outcome, p_key_id, NULL)
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(ES_APPEND_WITH_KEY.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    await db.query(`DROP FUNCTION es_append(text, integer, jsonb, jsonb, text, text, jsonb, text, text)`);
  }
}
