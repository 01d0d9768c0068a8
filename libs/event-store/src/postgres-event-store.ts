import type { DataSource, EntityManager } from 'typeorm';
import { ConcurrencyError, HeadMismatchError, IdempotencyConflictError } from './errors.js';
import { EVENT_COLUMNS, readLog, toStoredEvent, type EventRow } from './log-queries.js';
import type { KeyRing } from './proofs/key-ring.js';
import { hashFunctionIntact } from './hash-function.js';
import { checkProofs } from './proofs/proof-check.js';
import {
  EventStore,
  type AppendResult,
  type EventMetadata,
  type ExpectedVersion,
  type Idempotency,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppend,
  type StoreTransaction,
  type StreamHead,
  type ProvenPrefix,
  type VerifyReport,
  type BrokenLink,
} from './event-store.js';

interface BrokenRow {
  stream_id: string;
  stream_version: number;
  global_position: string;
  reason: BrokenLink['reason'];
}

/**
 * Version gaps and previous-hash mismatches, over the narrow columns the links need, and the
 * streams and events counted in the same pass (a separate count(DISTINCT) sorted the log again).
 */
const LINKS = `
  SELECT count(*) FILTER (WHERE first)::int AS streams, count(*)::int AS events,
         coalesce(jsonb_agg(jsonb_build_object('stream_id', stream_id, 'stream_version', stream_version,
                    'global_position', global_position::text, 'reason', reason)
                  ORDER BY stream_id, stream_version) FILTER (WHERE reason IS NOT NULL), '[]') AS broken
    FROM (
      SELECT stream_id, stream_version, global_position, lag(stream_version) OVER w IS NULL AS first,
             CASE WHEN stream_version <> coalesce(lag(stream_version) OVER w, 0) + 1 THEN 'version_gap'
                  WHEN previous_hash IS DISTINCT FROM lag(hash) OVER w THEN 'previous_hash_mismatch' END AS reason
        FROM events WHERE $1::text IS NULL OR stream_id = $1
      WINDOW w AS (PARTITION BY stream_id ORDER BY stream_version)
    ) links`;

/** Events whose stored hash is not the hash of what is stored. */
const BROKEN_HASHES = `
  SELECT stream_id, stream_version, global_position::text AS global_position, 'hash_mismatch' AS reason
    FROM events
   WHERE ($1::text IS NULL OR stream_id = $1)
     AND hash <> es_event_hash(previous_hash, stream_id, stream_version, type, data, metadata, recorded_at)
   ORDER BY stream_id, stream_version`;

/** The last event a read of a stream up to a version or a moment sees, and how many it sees. */
const STREAM_HEAD = `
  SELECT seen.version, seen.events,
         (SELECT e.hash FROM events e WHERE e.stream_id = $1 AND e.stream_version = seen.version) AS hash
    FROM (SELECT max(stream_version) AS version, count(*)::integer AS events FROM events
           WHERE stream_id = $1
             AND ($2::integer IS NULL OR stream_version <= $2)
             AND ($3::timestamptz IS NULL OR recorded_at <= $3)) seen`;

/** What es_append returns and the commands table keeps. */
interface CommandRow {
  streamId: string;
  firstVersion: number;
  nextExpectedVersion: number;
  transactionId: string;
  globalPosition: string;
  fingerprint: string | null;
  outcome: unknown;
  duplicate: boolean;
  /** The stream's last hash after the append; absent in results recorded before AppendHeadHash. */
  hash?: string;
}

/** The event store on PostgreSQL; the SQL side lives in migrations/…-create-event-store.ts. */
export class PostgresEventStore extends EventStore {
  constructor(
    /** On a DataSource, or on a transaction's EntityManager (`inTransaction`). */
    private readonly db: DataSource | EntityManager,
    /** Proves every event before it is inserted (libs/event-store/README.md#proofs). */
    private readonly keys: KeyRing,
  ) {
    super();
  }

  inTransaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    // Nested in a transaction already, TypeORM makes it a savepoint.
    return this.db.transaction((manager) =>
      work({ store: new PostgresEventStore(manager, this.keys), query: (text, params) => manager.query(text, params) }),
    );
  }

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: EventMetadata,
    idempotency?: Idempotency,
    expectedHash?: string,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (expectedVersion === 'any')
      return this.appendAtHead({ streamId, expectedVersion, events, metadata, idempotency });
    let row: CommandRow;
    try {
      const rows = await this.db.query<{ result: CommandRow }[]>(
        `SELECT es_append($1, $2, $3, $4, $5, $6, $7, $8, $9) AS result`,
        [
          ...appendParameters({ streamId, expectedVersion, events, metadata, idempotency }, this.keys),
          expectedHash ?? null,
        ],
      );
      row = rows[0]!.result;
    } catch (error) {
      if (sqlState(error) === 'ES410')
        throw new HeadMismatchError(streamId, Number((error as { detail?: string }).detail));
      row = await this.explainClash(error, streamId, expectedVersion, idempotency);
    }
    if (row.duplicate && idempotency) assertSameRequest(row, idempotency);
    return toAppendResult(row);
  }

  async appendMany(requested: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (requested.length === 0) return [];
    if (requested.some((a) => a.events.length === 0)) throw new Error('append needs at least one event');
    const appends = await this.atHeads(requested);
    let rows: CommandRow[];
    try {
      const items = appends.map((append) => {
        const [streamId, expectedVersion, events, metadata, commandId, fingerprint, outcome, keyId] = appendParameters(
          append,
          this.keys,
        );
        return { streamId, expectedVersion, events, metadata, commandId, fingerprint, outcome, keyId };
      });
      // Each item's events and metadata are already JSON text: splice them in rather than parse them again.
      const json = `[${items
        .map(
          (i) =>
            `{"streamId":${JSON.stringify(i.streamId)},"expectedVersion":${JSON.stringify(i.expectedVersion)},` +
            `"events":${i.events},"metadata":${i.metadata},"commandId":${JSON.stringify(i.commandId)},` +
            `"fingerprint":${JSON.stringify(i.fingerprint)},"outcome":${i.outcome ?? 'null'},"keyId":${JSON.stringify(i.keyId)}}`,
        )
        .join(',')}]`;
      const [{ results }] = await this.db.query<[{ results: CommandRow[] }]>(
        `SELECT es_append_many($1::jsonb) AS results`,
        [json],
      );
      rows = results;
    } catch (error) {
      const code = sqlState(error);
      if (code === 'ES409') {
        const clash = /^stream (.*) is at version \d+, expected \d+$/.exec((error as Error).message)?.[1];
        const append = appends.find((a) => a.streamId === clash) ?? appends[0]!;
        throw new ConcurrencyError(
          append.streamId,
          append.expectedVersion,
          Number((error as { detail?: string }).detail),
        );
      }
      if (code === 'ES422') throw new IdempotencyConflictError((error as { detail: string }).detail);
      // A concurrent repeat of one of the commands: one by one, each repeat gets its first outcome.
      if (code === '23505') return this.appendEach(appends);
      throw error;
    }
    return rows.map(toAppendResult);
  }

  private async appendEach(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const a of appends) {
      results.push(await this.append(a.streamId, a.expectedVersion, a.events, a.metadata, a.idempotency));
    }
    return results;
  }

  /** appendMany's `any` items at their streams' current versions (a concurrent append there is a clash). */
  private async atHeads(appends: readonly StreamAppend[]): Promise<readonly StreamAppend[]> {
    const any = appends.filter((a) => a.expectedVersion === 'any').map((a) => a.streamId);
    if (any.length === 0) return appends;
    const rows = await this.db.query<{ stream_id: string; v: number }[]>(
      `SELECT stream_id, max(stream_version) AS v FROM events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
      [any],
    );
    const heads = new Map(rows.map((r) => [r.stream_id, r.v]));
    return appends.map((a) =>
      a.expectedVersion === 'any' ? { ...a, expectedVersion: heads.get(a.streamId) ?? 0 } : a,
    );
  }

  /**
   * `any` at the stream's current version: a proof covers its event's version, so the version is
   * known before the insert. A concurrent append in between is a clash: read the head again.
   */
  private async appendAtHead(append: StreamAppend): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.currentVersion(append.streamId);
      try {
        return await this.append(append.streamId, current, append.events, append.metadata, append.idempotency);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
      }
    }
  }

  /** A clash may be a concurrent repeat of the same command: then its first outcome is the answer. */
  private async explainClash(
    error: unknown,
    streamId: string,
    expectedVersion: ExpectedVersion,
    idempotency: Idempotency | undefined,
  ): Promise<CommandRow> {
    const code = sqlState(error);
    if (code !== 'ES409' && code !== '23505') throw error;
    const earlier = idempotency ? await this.storedCommand(idempotency.commandId) : null;
    if (earlier) return earlier;
    const actual =
      code === 'ES409' ? Number((error as { detail?: string }).detail) : await this.currentVersion(streamId);
    throw new ConcurrencyError(streamId, expectedVersion, actual);
  }

  async findCommand(commandId: string, fingerprint?: string): Promise<AppendResult | null> {
    const row = await this.storedCommand(commandId);
    if (!row) return null;
    if (fingerprint !== undefined) assertSameRequest(row, { commandId, fingerprint });
    return toAppendResult(row);
  }

  private async storedCommand(commandId: string): Promise<CommandRow | null> {
    const rows = await this.db.query<{ result: Omit<CommandRow, 'duplicate'> }[]>(
      `SELECT result FROM commands WHERE command_id = $1`,
      [commandId],
    );
    return rows[0] ? { ...rows[0].result, duplicate: true } : null;
  }

  private async currentVersion(streamId: string): Promise<number> {
    const rows = await this.db.query<{ v: number | null }[]>(
      `SELECT max(stream_version) AS v FROM events WHERE stream_id = $1`,
      [streamId],
    );
    return rows[0]?.v ?? 0;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE stream_id = $1
          AND ($2::integer IS NULL OR stream_version <= $2)
          AND ($3::timestamptz IS NULL OR recorded_at <= $3)
          AND stream_version > $4
        ORDER BY stream_version`,
      [streamId, options.toVersion ?? null, options.asOf ?? null, options.afterVersion ?? 0],
    );
    return rows.map(toStoredEvent);
  }

  async streamHead(
    streamId: string,
    options: Omit<ReadStreamOptions, 'afterVersion'> = {},
  ): Promise<StreamHead | null> {
    const [head] = await this.db.query<{ version: number | null; events: number; hash: string }[]>(STREAM_HEAD, [
      streamId,
      options.toVersion ?? null,
      options.asOf ?? null,
    ]);
    return head && head.version !== null ? { version: head.version, events: head.events, hash: head.hash } : null;
  }

  /** Events after a checkpoint in commit order; see readLog for why nothing is skipped. */
  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return readLog((text, params) => this.db.query(text, params), options);
  }

  /**
   * Recomputes every hash in the database and returns every row that breaks its chain. The links
   * (versions, previous hashes) and the hashes are checked by two queries at once: the hashes by a
   * parallel scan, the links over narrow rows sorted in memory. (One query sorted whole rows on disk
   * and hashed them one process at a time: twice as slow.)
   */
  async verify(streamId?: string, provenThrough?: ProvenPrefix): Promise<VerifyReport> {
    const scope = [streamId ?? null];
    const intact = await hashFunctionIntact((text, params) => this.db.query(text, params));
    const [[counted], hashes, proofs] = await Promise.all([
      this.db.transaction(async (manager) => {
        await manager.query(`SET LOCAL work_mem = '256MB'`);
        return manager.query<[{ streams: number; events: number; broken: BrokenRow[] }]>(LINKS, scope);
      }),
      this.db.query<BrokenRow[]>(BROKEN_HASHES, scope),
      checkProofs((text, params) => this.db.query(text, params), this.keys, streamId, intact ? provenThrough : 'every'),
    ]);
    const links = counted.broken;
    const broken = await this.inStreamOrder(links, [...hashes, ...proofs]);
    return {
      ok: broken.length === 0 && intact,
      hashFunction: intact ? 'intact' : 'changed',
      streamsChecked: counted.streams,
      eventsChecked: counted.events,
      broken: broken.map((r) => ({
        streamId: r.stream_id,
        streamVersion: r.stream_version,
        globalPosition: BigInt(r.global_position),
        reason: r.reason,
      })),
    };
  }

  /** One report, stream by stream in version order; a broken link outranks a wrong hash of the same event. */
  private async inStreamOrder(links: BrokenRow[], hashes: BrokenRow[]): Promise<BrokenRow[]> {
    const linked = new Set(links.map((r) => `${r.stream_id}\u0000${r.stream_version}`));
    const rows = [...links, ...hashes.filter((r) => !linked.has(`${r.stream_id}\u0000${r.stream_version}`))];
    if (links.length === 0 || hashes.length === 0) return rows;
    // Both found something (a tampered log): let the database order them as it orders stream ids.
    return this.db.query<BrokenRow[]>(
      `SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS r(stream_id text, stream_version integer, global_position text, reason text)
        ORDER BY stream_id, stream_version`,
      [JSON.stringify(rows)],
    );
  }
}

/**
 * es_append's parameters: expected version 0 = no stream, n = exactly n (`any` was resolved to
 * the head before); JSON as text; each event with its proof, then the key id.
 */
function appendParameters({ streamId, expectedVersion, events, metadata, idempotency }: StreamAppend, keys: KeyRing) {
  const commandId = idempotency?.commandId ?? null;
  const stored = commandId ? { ...metadata, commandId } : metadata;
  const first = (expectedVersion === 'no_stream' || expectedVersion === 'any' ? 0 : expectedVersion) + 1;
  const proven = events.map((e, i) => ({
    type: e.type,
    data: e.data,
    proof: keys.prove({ streamId, streamVersion: first + i, type: e.type, data: e.data, metadata: stored }),
  }));
  return [
    streamId,
    first - 1,
    JSON.stringify(proven),
    JSON.stringify(stored),
    commandId,
    idempotency?.fingerprint ?? null,
    idempotency?.outcome === undefined ? null : JSON.stringify(idempotency.outcome),
    keys.currentKeyId,
  ] as const;
}

function toAppendResult(row: CommandRow): AppendResult {
  return {
    streamId: row.streamId,
    firstVersion: row.firstVersion,
    nextExpectedVersion: row.nextExpectedVersion,
    position: { transactionId: BigInt(row.transactionId), globalPosition: BigInt(row.globalPosition) },
    duplicate: row.duplicate,
    outcome: row.outcome,
    hash: row.hash,
  };
}

function assertSameRequest(row: CommandRow, idempotency: Idempotency): void {
  if ((row.fingerprint ?? null) !== (idempotency.fingerprint ?? null)) {
    throw new IdempotencyConflictError(idempotency.commandId);
  }
}

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e.code ?? e.driverError?.code;
}
