import type { BrokenLink } from '../event-store.js';
import type { Sql } from '../log-queries.js';
import type { KeyRing } from './key-ring.js';

interface ProofRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: unknown;
  key_id: string | null;
  proof: string | null;
}

export interface UnprovenRow {
  stream_id: string;
  stream_version: number;
  global_position: string;
  reason: Extract<BrokenLink['reason'], 'unsigned' | 'bad_signature' | 'unknown_key'>;
}

const PAGE = 5000;

/**
 * Every event (of one stream, or all) whose proof is missing or does not match what is stored:
 * the HMAC key never reaches the database, so this runs here, a page at a time. An event the
 * checkpointer took into the tree with a valid proof, whose hash is still the leaf's, is not checked
 * again: the hash covers everything the proof does (the chain query recomputes it), so its content
 * is what was proven. An edited one has another hash and is checked.
 */
export async function checkProofs(sql: Sql, keys: KeyRing, streamId?: string): Promise<UnprovenRow[]> {
  const found: UnprovenRow[] = [];
  let after = '0';
  for (;;) {
    const rows = await sql<ProofRow>(
      `SELECT e.global_position::text AS global_position, e.stream_id, e.stream_version, e.type, e.data, e.metadata,
              e.key_id, e.proof
         FROM events e
         LEFT JOIN log_leaves l ON l.global_position = e.global_position
        WHERE e.global_position > $1::bigint AND ($2::text IS NULL OR e.stream_id = $2)
          AND NOT coalesce(l.proven AND l.hash = e.hash AND l.stream_id = e.stream_id AND l.stream_version = e.stream_version, false)
        ORDER BY e.global_position LIMIT ${PAGE}`,
      [after, streamId ?? null],
    );
    for (const row of rows) {
      const status = keys.check(
        {
          streamId: row.stream_id,
          streamVersion: row.stream_version,
          type: row.type,
          data: row.data,
          metadata: row.metadata,
        },
        row.key_id,
        row.proof,
      );
      if (status !== 'ok')
        found.push({
          stream_id: row.stream_id,
          stream_version: row.stream_version,
          global_position: row.global_position,
          reason: status,
        });
    }
    if (rows.length < PAGE) return found;
    after = rows.at(-1)!.global_position;
  }
}
