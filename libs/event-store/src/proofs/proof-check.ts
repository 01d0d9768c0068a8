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
 * the HMAC key never reaches the database, so this runs here, a page at a time.
 */
export async function checkProofs(sql: Sql, keys: KeyRing, streamId?: string): Promise<UnprovenRow[]> {
  const found: UnprovenRow[] = [];
  let after = '0';
  for (;;) {
    const rows = await sql<ProofRow>(
      `SELECT global_position::text AS global_position, stream_id, stream_version, type, data, metadata, key_id, proof
         FROM events
        WHERE global_position > $1::bigint AND ($2::text IS NULL OR stream_id = $2)
        ORDER BY events.global_position LIMIT ${PAGE}`,
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
