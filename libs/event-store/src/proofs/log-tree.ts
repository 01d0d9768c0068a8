import type { DataSource } from 'typeorm';
import { AppError, say } from '@app/platform';
import type { Sql } from '../log-queries.js';
import { checkpointBodyText, type CheckpointBody, type SignedCheckpoint } from './checkpoint.js';
import type { KeyRing } from './key-ring.js';
import { consistencyRanges, inclusionRanges, leafHash, MerkleFrontier, type LeafRange } from './merkle.js';

export interface StoredCheckpoint extends SignedCheckpoint {
  treeSize: number;
  rootHash: string;
  keyId: string;
  issuedAt: string;
}

export interface CheckpointRun {
  /** The new checkpoint, or null when the log did not grow since the last one. */
  checkpoint: StoredCheckpoint | null;
  /** Events taken into the tree by this run whose proof failed (each is logged as an alert by the caller). */
  newlyUnproven: {
    leafIndex: number;
    streamId: string;
    streamVersion: number;
    globalPosition: string;
    reason: string;
  }[];
}

interface NewLeafRow {
  txid: string;
  global_position: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: unknown;
  hash: string;
  key_id: string | null;
  proof: string | null;
}

const PAGE = 5000;
const LEAF_PAGE = 20_000;
/** pg_advisory_xact_lock key: one checkpointer at a time, across api and worker processes. */
const CHECKPOINT_LOCK = 7_311_000_011;

const CHECKPOINT_COLUMNS = `tree_size::int AS "treeSize", root_hash AS "rootHash", key_id AS "keyId",
  to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "issuedAt", body, signature`;

/**
 * The log's Merkle tree over every event in commit order (RFC 9162), its signed checkpoints and
 * their proofs. `log_leaves` records the leaves as the checkpointer took them, so proofs need no
 * re-read of the log and verify can say which event moved or vanished.
 */
export class LogTree {
  /** The frontier of the last tree this process signed, to extend instead of re-reading every leaf. */
  private lastSigned: { size: number; root: string; frontier: MerkleFrontier } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly keys: KeyRing,
  ) {}

  /** Takes the new events into the tree and signs its head, when the log grew since the last checkpoint. */
  async checkpoint(now: Date): Promise<CheckpointRun> {
    return this.db.transaction(async (manager) => {
      const sql: Sql = (text, params) => manager.query(text, params);
      await sql(`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`);
      const newlyUnproven = await this.extendLeaves(sql);
      const [latest] = await sql<{ size: number; root: string }>(
        `SELECT tree_size::int AS size, root_hash AS root FROM signed_checkpoints ORDER BY tree_size DESC LIMIT 1`,
      );
      // The tree this process signed last, if it is still the latest: only the new leaves are read.
      const signed =
        this.lastSigned && latest && this.lastSigned.size === latest.size && this.lastSigned.root === latest.root;
      const frontier = signed ? this.lastSigned!.frontier.clone() : new MerkleFrontier();
      const [leaves] = await sql<{ size: number }>(
        `SELECT coalesce(max(leaf_index) + 1, 0)::int AS size FROM log_leaves`,
      );
      if (!leaves || leaves.size === 0 || leaves.size === (latest?.size ?? 0))
        return { checkpoint: null, newlyUnproven };
      // A page at a time: the first run after a start reads every leaf, and a million of them held
      // at once took the worker past 800 MB.
      for await (const page of this.leafPages(sql, frontier.size, null)) {
        for (const leaf of page) {
          frontier.push(leaf);
          // Never sign a tree that does not extend the last signed one: its leaves were rewritten.
          if (latest && frontier.size === latest.size && frontier.root().toString('hex') !== latest.root) {
            throw new Error(`log_leaves no longer match the checkpoint of tree size ${latest.size}: refusing to sign`);
          }
        }
      }
      const [last] = await sql<{ txid: string; global_position: string }>(
        `SELECT transaction_id::text AS txid, global_position::text AS global_position FROM log_leaves
          ORDER BY leaf_index DESC LIMIT 1`,
      );
      const unproven = await sql<{ i: number }>(
        `SELECT leaf_index::int AS i FROM log_leaves WHERE NOT proven ORDER BY leaf_index`,
      );
      const body: CheckpointBody = {
        format: 'pta-checkpoint/v1',
        treeSize: frontier.size,
        rootHash: frontier.root().toString('hex'),
        issuedAt: now.toISOString(),
        keyId: this.keys.currentKeyId,
        lastPosition: `${last!.txid}-${last!.global_position}`,
        unproven: unproven.map((u) => u.i),
      };
      const text = checkpointBodyText(body);
      const signature = this.keys.sign(text);
      await sql(
        `INSERT INTO signed_checkpoints (tree_size, root_hash, key_id, issued_at, body, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
        [body.treeSize, body.rootHash, body.keyId, body.issuedAt, text, signature],
      );
      // Kept once signed; the next run compares it with the latest stored (a rolled-back run's never matches).
      this.lastSigned = { size: body.treeSize, root: body.rootHash, frontier };
      const checkpoint = {
        treeSize: body.treeSize,
        rootHash: body.rootHash,
        keyId: body.keyId,
        issuedAt: body.issuedAt,
        body: text,
        signature,
      };
      return { checkpoint, newlyUnproven };
    });
  }

  /** Every stored checkpoint, oldest first. */
  checkpoints(): Promise<StoredCheckpoint[]> {
    return this.db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM signed_checkpoints ORDER BY tree_size`);
  }

  async latest(): Promise<StoredCheckpoint | null> {
    const rows = await this.db.query<StoredCheckpoint[]>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM signed_checkpoints ORDER BY tree_size DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  async checkpointOfSize(treeSize: number): Promise<StoredCheckpoint> {
    const rows = await this.db.query<StoredCheckpoint[]>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM signed_checkpoints WHERE tree_size = $1`,
      [treeSize],
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', say('audit.noCheckpointOfSize', { treeSize }));
    return rows[0];
  }

  /** Where an event sits in the tree, or null when no checkpoint run has taken it in yet. */
  async leafIndexOf(globalPosition: bigint): Promise<number | null> {
    const rows = await this.db.query<{ i: number }[]>(
      `SELECT leaf_index::int AS i FROM log_leaves WHERE global_position = $1`,
      [globalPosition.toString()],
    );
    return rows[0]?.i ?? null;
  }

  /** The audit path of the event at `globalPosition` in the tree of a signed checkpoint. */
  async inclusion(globalPosition: bigint, treeSize: number) {
    const checkpoint = await this.checkpointOfSize(treeSize);
    const leafIndex = await this.leafIndexOf(globalPosition);
    if (leafIndex === null || leafIndex >= treeSize) {
      throw new AppError('NOT_FOUND', say('audit.notInTree', { position: globalPosition.toString(), treeSize }));
    }
    const sql: Sql = (text, params) => this.db.query(text, params);
    const [leaf] = await sql<{ hash: string }>(`SELECT hash FROM log_leaves WHERE leaf_index = $1`, [leafIndex]);
    const path = await this.headsOf(sql, inclusionRanges(leafIndex, treeSize));
    const hex = (h: Buffer) => h.toString('hex');
    return { leafIndex, treeSize, leafHash: hex(leafHash(leaf!.hash)), path: path.map(hex), checkpoint };
  }

  /** Proof that the tree of one signed checkpoint is a prefix of a later one's. */
  async consistency(from: number, to: number) {
    if (from > to)
      throw new AppError('VALIDATION_FAILED', undefined, [
        { path: 'from', code: 'FROM_AFTER_TO', message: say('field.FROM_AFTER_TO') },
      ]);
    const [first, second] = [await this.checkpointOfSize(from), await this.checkpointOfSize(to)];
    const sql: Sql = (text, params) => this.db.query(text, params);
    const path = await this.headsOf(sql, consistencyRanges(from, to));
    return { from: first, to: second, path: path.map((h) => h.toString('hex')) };
  }

  /**
   * The heads of ranges of leaves, each range read a page at a time: a proof costs a pass over the
   * leaves it covers but holds only O(log n) hashes, whatever the log's size.
   */
  private async headsOf(sql: Sql, ranges: readonly LeafRange[]): Promise<Buffer[]> {
    const heads: Buffer[] = [];
    for (const [from, to] of ranges) {
      const frontier = new MerkleFrontier();
      for await (const page of this.leafPages(sql, from, to)) for (const leaf of page) frontier.push(leaf);
      heads.push(frontier.root());
    }
    return heads;
  }

  /** The leaf hashes from index `from` up to `to` (to the last when null), in order, a page at a time. */
  private async *leafPages(sql: Sql, from: number, to: number | null): AsyncGenerator<Buffer[]> {
    for (let at = from; ; at += LEAF_PAGE) {
      const end = to === null ? at + LEAF_PAGE : Math.min(at + LEAF_PAGE, to);
      if (end <= at) return;
      const rows = await sql<{ hash: string }>(
        `SELECT hash FROM log_leaves WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`,
        [at, end],
      );
      yield rows.map((r) => leafHash(r.hash));
      if (rows.length < end - at) return;
    }
  }

  /** Appends to log_leaves every event committed since its last leaf, in commit order, with its proof's outcome. */
  private async extendLeaves(sql: Sql): Promise<CheckpointRun['newlyUnproven']> {
    const unproven: CheckpointRun['newlyUnproven'] = [];
    const [last] = await sql<{ i: string; txid: string; global_position: string }>(
      `SELECT leaf_index::text AS i, transaction_id::text AS txid, global_position::text AS global_position
         FROM log_leaves ORDER BY leaf_index DESC LIMIT 1`,
    );
    let next = last ? Number(last.i) + 1 : 0;
    let after = last ? [last.txid, last.global_position] : ['0', '0'];
    for (;;) {
      // ORDER BY names the table's columns: unqualified, it would sort by the text aliases ('10' < '9').
      const rows = await sql<NewLeafRow>(
        `SELECT transaction_id::text AS txid, global_position::text AS global_position, stream_id, stream_version,
                type, data, metadata, hash, key_id, proof
           FROM events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY events.transaction_id, events.global_position LIMIT ${PAGE}`,
        after,
      );
      if (rows.length === 0) return unproven;
      const proven = rows.map((r, i) => {
        const status = this.keys.check(
          { streamId: r.stream_id, streamVersion: r.stream_version, type: r.type, data: r.data, metadata: r.metadata },
          r.key_id,
          r.proof,
        );
        if (status !== 'ok') {
          unproven.push({
            leafIndex: next + i,
            streamId: r.stream_id,
            streamVersion: r.stream_version,
            globalPosition: r.global_position,
            reason: status,
          });
        }
        return status === 'ok';
      });
      await sql(
        `INSERT INTO log_leaves (leaf_index, global_position, transaction_id, stream_id, stream_version, hash, proven)
         SELECT i, p, t::xid8, s, v, h, ok
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::text[], $7::bool[]) AS u(i, p, t, s, v, h, ok)`,
        [
          rows.map((_, i) => next + i),
          rows.map((r) => r.global_position),
          rows.map((r) => r.txid),
          rows.map((r) => r.stream_id),
          rows.map((r) => r.stream_version),
          rows.map((r) => r.hash),
          proven,
        ],
      );
      next += rows.length;
      after = [rows.at(-1)!.txid, rows.at(-1)!.global_position];
      if (rows.length < PAGE) return unproven;
    }
  }
}
