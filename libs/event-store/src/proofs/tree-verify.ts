import type { Sql } from '../log-queries.js';
import { readCheckpointBody, type CheckpointBody, type SignedCheckpoint } from './checkpoint.js';
import type { KeyRing } from './key-ring.js';
import { leafHash, MerkleFrontier } from './merkle.js';

/** A checkpoint to check the log against, and where it was found (`database`, a file's path). */
export interface PublishedCheckpoint {
  source: string;
  signed: SignedCheckpoint;
}

export interface CheckpointFinding {
  source: string;
  treeSize: number | null;
  /**
   * `ok`; `malformed` (not a checkpoint); `bad_signature` / `unknown_key` (not signed by a key the
   * service holds); `conflicting` (another validly signed checkpoint of the same size has another
   * root: a forked log); `log_shorter` (the log has fewer events than the checkpoint covered:
   * events were removed); `root_mismatch` (the log's first treeSize events in commit order are not
   * the ones signed: an event was edited, removed, inserted or reordered).
   */
  status: 'ok' | 'malformed' | 'bad_signature' | 'unknown_key' | 'conflicting' | 'log_shorter' | 'root_mismatch';
}

/** Where the log departs from the leaves the checkpointer recorded (best effort: that table is in the database too). */
export interface LeafFinding {
  reason: 'event_missing' | 'event_changed' | 'event_moved' | 'event_inserted';
  leafIndex: number | null;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
}

export interface TreeReport {
  ok: boolean;
  treeSize: number;
  checkpoints: CheckpointFinding[];
  leaves: LeafFinding[];
}

const PAGE = 20_000;

/**
 * Checks the log against checkpoints: each one's signature, then the head of the log's first
 * treeSize events in commit order against its root, all in one pass over the log's hashes.
 */
export async function verifyTree(
  sql: Sql,
  keys: KeyRing,
  published: readonly PublishedCheckpoint[],
): Promise<TreeReport> {
  const findings: CheckpointFinding[] = [];
  const valid: { finding: CheckpointFinding; body: CheckpointBody }[] = [];
  for (const { source, signed } of published) {
    const body = readCheckpointBody(signed);
    if (!body) {
      findings.push({ source, treeSize: null, status: 'malformed' });
      continue;
    }
    const known = keys.publicKeys().some((k) => k.keyId === body.keyId);
    const finding: CheckpointFinding = { source, treeSize: body.treeSize, status: 'ok' };
    if (!known) finding.status = 'unknown_key';
    else if (!keys.verifySignature(body.keyId, signed.body, signed.signature)) finding.status = 'bad_signature';
    else valid.push({ finding, body });
    findings.push(finding);
  }
  for (const a of valid) {
    if (valid.some((b) => b.body.treeSize === a.body.treeSize && b.body.rootHash !== a.body.rootHash))
      a.finding.status = 'conflicting';
  }
  const wanted = valid.filter((v) => v.finding.status === 'ok').sort((a, b) => a.body.treeSize - b.body.treeSize);
  const frontier = new MerkleFrontier();
  let w = 0;
  const compare = () => {
    while (w < wanted.length && wanted[w]!.body.treeSize === frontier.size) {
      if (frontier.root().toString('hex') !== wanted[w]!.body.rootHash) wanted[w]!.finding.status = 'root_mismatch';
      w++;
    }
  };
  let after = ['0', '0'];
  for (;;) {
    const rows = await sql<{ txid: string; global_position: string; hash: string }>(
      `SELECT transaction_id::text AS txid, global_position::text AS global_position, hash FROM events
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
        ORDER BY events.transaction_id, events.global_position LIMIT ${PAGE}`,
      after,
    );
    for (const row of rows) {
      frontier.push(leafHash(row.hash));
      compare();
    }
    if (rows.length < PAGE) break;
    after = [rows.at(-1)!.txid, rows.at(-1)!.global_position];
  }
  for (; w < wanted.length; w++) wanted[w]!.finding.status = 'log_shorter';
  // When every checkpoint's root is the log's, the events it covers are the leaves signed: the
  // comparison with log_leaves (a join over the whole log) can only say where a departure is.
  const allOk = wanted.length > 0 && findings.every((f) => f.status === 'ok');
  const leaves = allOk ? [] : await leafFindings(sql);
  return {
    ok: findings.every((f) => f.status === 'ok') && leaves.length === 0,
    treeSize: frontier.size,
    checkpoints: findings,
    leaves,
  };
}

/** Events of the recorded leaves that are gone, changed or moved, and events slipped in among them. */
async function leafFindings(sql: Sql): Promise<LeafFinding[]> {
  const rows = await sql<{
    reason: LeafFinding['reason'];
    leaf_index: number | null;
    stream_id: string;
    stream_version: number;
    global_position: string;
  }>(
    `WITH last AS (SELECT transaction_id, global_position FROM log_leaves ORDER BY leaf_index DESC LIMIT 1)
     SELECT CASE WHEN e.global_position IS NULL THEN 'event_missing'
                 WHEN e.hash <> l.hash THEN 'event_changed'
                 ELSE 'event_moved' END AS reason,
            l.leaf_index::int AS leaf_index, l.stream_id, l.stream_version, l.global_position::text AS global_position
       FROM log_leaves l
       LEFT JOIN events e ON e.stream_id = l.stream_id AND e.stream_version = l.stream_version
      WHERE e.global_position IS NULL OR e.hash <> l.hash
         OR e.global_position <> l.global_position OR e.transaction_id <> l.transaction_id
     UNION ALL
     SELECT 'event_inserted', NULL, e.stream_id, e.stream_version, e.global_position::text
       FROM events e, last
      WHERE (e.transaction_id, e.global_position) <= (last.transaction_id, last.global_position)
        AND NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.stream_id = e.stream_id AND l.stream_version = e.stream_version)
     ORDER BY 2 NULLS LAST, 3, 4`,
  );
  return rows.map((r) => ({
    reason: r.reason,
    leafIndex: r.leaf_index,
    streamId: r.stream_id,
    streamVersion: r.stream_version,
    globalPosition: r.global_position,
  }));
}
