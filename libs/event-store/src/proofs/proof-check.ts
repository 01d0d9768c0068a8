import type { BrokenLink, ProvenPrefix } from '../event-store.js';
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
 *
 * Which events are checked again: with `provenThrough` (a signed checkpoint the caller checks the
 * log against), only those after its last event in commit order and those it listed unproven — if
 * its root is the log's, every event it covers has the hash that was proven when it was signed, and
 * the hash covers everything the proof does (the chain query recomputes it). Without it, an event
 * the checkpointer took into the tree with a valid proof, whose hash is still the leaf's, is skipped.
 * With `every`, nothing is skipped: when the database's hash function cannot be trusted, a hash
 * still the leaf's proves nothing about what is stored.
 */
export async function checkProofs(
  sql: Sql,
  keys: KeyRing,
  streamId?: string,
  provenThrough?: ProvenPrefix | 'every',
): Promise<UnprovenRow[]> {
  const found: UnprovenRow[] = [];
  const check = (rows: readonly ProofRow[]) => {
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
  };
  if (provenThrough && provenThrough !== 'every') {
    // After the checkpoint's last event in commit order: a range of the (transaction, position) index.
    let cursor = provenThrough.lastPosition.split('-');
    for (;;) {
      const rows = await sql<ProofRow & { txid: string }>(
        `SELECT ${COLUMNS}, e.transaction_id::text AS txid FROM events e
          WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint) AND ($3::text IS NULL OR e.stream_id = $3)
          ORDER BY e.transaction_id, e.global_position LIMIT ${PAGE}`,
        [cursor[0], cursor[1], streamId ?? null],
      );
      check(rows);
      if (rows.length < PAGE) break;
      cursor = [rows.at(-1)!.txid, rows.at(-1)!.global_position];
    }
  } else {
    let after = '0';
    for (;;) {
      const rows = await sql<ProofRow>(
        `SELECT ${COLUMNS} FROM events e LEFT JOIN log_leaves l ON l.global_position = e.global_position
          WHERE e.global_position > $1::bigint AND ($2::text IS NULL OR e.stream_id = $2)
            AND ($3 OR NOT coalesce(l.proven AND l.hash = e.hash AND l.stream_id = e.stream_id AND l.stream_version = e.stream_version, false))
          ORDER BY e.global_position LIMIT ${PAGE}`,
        [after, streamId ?? null, provenThrough === 'every'],
      );
      check(rows);
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.global_position;
    }
  }
  if (provenThrough && provenThrough !== 'every' && provenThrough.unproven.length > 0) {
    check(
      await sql<ProofRow>(
        `SELECT ${COLUMNS} FROM log_leaves l JOIN events e ON e.global_position = l.global_position
          WHERE l.leaf_index = ANY($1::bigint[]) AND ($2::text IS NULL OR e.stream_id = $2) ORDER BY e.global_position`,
        [provenThrough.unproven, streamId ?? null],
      ),
    );
  }
  return found;
}

const COLUMNS = `e.global_position::text AS global_position, e.stream_id, e.stream_version, e.type, e.data,
  e.metadata, e.key_id, e.proof`;
