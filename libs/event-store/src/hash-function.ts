import type { Sql } from './log-queries.js';
import { ES_EVENT_HASH_BODY } from './migrations/1764064800000-create-event-store.js';

/** The built-ins es_event_hash calls: each must still be PostgreSQL's own (C code, in pg_catalog). */
const BUILT_INS = ['encode', 'sha256', 'convert_to', 'concat_ws', 'to_char', 'timezone', 'jsonb_out', 'int4out'];

/**
 * Whether the database would still compute event hashes as the migration defined them: one
 * `es_event_hash` (no overload or copy elsewhere to shadow it), in SQL, with the migration's body
 * and no settings attached, calling built-ins that are PostgreSQL's own. Verify trusts this
 * function to recompute hashes, and skips the proofs of events it recomputes as checkpointed; a
 * superuser who replaced it (with a lookup of the stored hash, say) would hide an edited event, so
 * when it is not intact verify says so and checks every proof itself.
 */
export async function hashFunctionIntact(sql: Sql): Promise<boolean> {
  const [found] = await sql<{
    copies: number;
    language: string | null;
    body: string | null;
    settings: boolean;
    foreign: number;
  }>(
    `SELECT (SELECT count(*)::int FROM pg_proc WHERE proname = 'es_event_hash') AS copies,
            l.lanname AS language, p.prosrc AS body, p.proconfig IS NOT NULL OR p.prosecdef AS settings,
            (SELECT count(*)::int FROM pg_proc b
              WHERE b.proname = ANY($1::text[])
                AND (b.pronamespace <> 'pg_catalog'::regnamespace OR b.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'internal'))
            ) AS foreign
       FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.oid = to_regprocedure('es_event_hash(text, text, integer, text, jsonb, jsonb, timestamptz)')`,
    [BUILT_INS],
  );
  return (
    found !== undefined &&
    found.copies === 1 &&
    found.language === 'sql' &&
    found.body === ES_EVENT_HASH_BODY &&
    !found.settings &&
    found.foreign === 0
  );
}
