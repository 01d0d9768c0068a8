import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  EventStore,
  KeyRing,
  readCheckpointBody,
  verifyTree,
  type CheckpointBody,
  type PublishedCheckpoint,
  type Sql,
  type TreeReport,
  type VerifyReport,
} from '@app/event-store';
import { declarationStreamId } from '@app/declarations';
import { AppError, say } from '@app/platform';
import { Checkpoints } from './checkpoints.js';
import type { TrailRow } from './trail-format.js';

export interface VerifyView {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  /** The first broken link of each broken stream; positions are strings (bigint in the log). */
  broken: { streamId: string; streamVersion: number; globalPosition: string | null; reason: string }[];
  /** `changed`: the database's es_event_hash is not its migration's (VerifyReport). */
  hashFunction: 'intact' | 'changed';
  /**
   * Only when the whole log is verified: the log against every signed checkpoint (the database's
   * and the published files), and where it departs from the leaves the checkpoints covered.
   */
  tree?: TreeReport;
}

/** Half-open: from ≤ recordedAt < to; either end may be open. */
export interface TrailRange {
  from?: Date;
  to?: Date;
}

// recordedAt is formatted as the hash input formats it (es_event_hash), and data and metadata
// are the jsonb text it hashed: the export carries everything needed to recompute the chain.
const TRAIL_SQL = `
  SELECT global_position::text AS position,
         to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt",
         stream_id AS "streamId", stream_version AS version, type,
         metadata->>'actorId' AS "actorId", metadata->>'role' AS role, metadata->>'unit' AS unit,
         metadata->>'correlationId' AS "correlationId", metadata->>'commandId' AS "commandId",
         transaction_id::text AS "transactionId", key_id AS "keyId", proof,
         data::text AS data, metadata::text AS metadata, hash, previous_hash AS "previousHash"
    FROM events
   WHERE global_position > $1::bigint
     AND ($2::timestamptz IS NULL OR recorded_at >= $2)
     AND ($3::timestamptz IS NULL OR recorded_at < $3)
   ORDER BY global_position
   LIMIT $4`;

/** What auditors check and take away: the hash chains, and the whole trail as a file. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly store: EventStore,
    private readonly db: DataSource,
    private readonly keys: KeyRing,
    private readonly checkpoints: Checkpoints,
  ) {}

  /**
   * Every chain and every proof, or one declaration's (404 when it has no events at all). The
   * whole log is also checked against every checkpoint (and those in `checkpointDirectory`).
   */
  async verify(declarationId?: string, checkpointDirectory?: string): Promise<VerifyView> {
    if (declarationId !== undefined) {
      const report = await this.store.verify(declarationStreamId(declarationId));
      if (report.eventsChecked === 0) throw new AppError('NOT_FOUND', say('declaration.notFound'));
      return { ...report, broken: positionsAsText(report.broken) };
    }
    // The chains and proofs (mostly the database's work) and the tree (mostly this process's
    // hashing) at once. The proofs of events the latest checkpoint covers are not checked again if
    // its root is the log's; when the tree says otherwise, every proof is checked after all.
    const published = await this.checkpoints.published(checkpointDirectory);
    const anchor = latestOf(published);
    const sql: Sql = (text, params) => this.db.query(text, params);
    const [anchored, tree] = await Promise.all([
      this.store.verify(undefined, anchor ?? undefined),
      verifyTree(sql, this.keys, published),
    ]);
    const report = anchor && !tree.ok ? await this.store.verify() : anchored;
    return { ...report, ok: report.ok && tree.ok, broken: positionsAsText(report.broken), tree };
  }

  /**
   * The trail in pages of `pageSize` events by global position, all read in one REPEATABLE
   * READ snapshot: an export is consistent even while appends go on, and never holds more
   * than one page in memory. Stop iterating early and the transaction is still ended.
   */
  async *pages(range: TrailRange, pageSize = 1000): AsyncGenerator<TrailRow[]> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let after = '0';
      for (;;) {
        const parameters = [after, range.from ?? null, range.to ?? null, pageSize];
        const page = (await runner.query(TRAIL_SQL, parameters)) as TrailRow[];
        if (page.length > 0) yield page;
        if (page.length < pageSize) break;
        after = page.at(-1)!.position;
      }
    } finally {
      // Read-only: rolling back ends it just as well as a commit, and also after a failure.
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}

const positionsAsText = (broken: VerifyReport['broken']): VerifyView['broken'] =>
  broken.map((b) => ({ ...b, globalPosition: b.globalPosition?.toString() ?? null }));

/** The published checkpoint of the largest tree, by what it says (its signature is checked by verifyTree). */
function latestOf(published: readonly PublishedCheckpoint[]): CheckpointBody | null {
  return published
    .map((p) => readCheckpointBody(p.signed))
    .reduce<CheckpointBody | null>((best, body) => (body && body.treeSize > (best?.treeSize ?? 0) ? body : best), null);
}
