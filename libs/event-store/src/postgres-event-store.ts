import type { DataSource } from 'typeorm';
import { ConcurrencyError, IdempotencyConflictError } from './errors.js';
import { EVENT_COLUMNS, readLog, toStoredEvent, type EventRow } from './log-queries.js';
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
  type VerifyReport,
  type BrokenLink,
} from './event-store.js';

interface BrokenRow {
  stream_id: string;
  stream_version: number;
  global_position: string;
  reason: BrokenLink['reason'];
}

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
}

/** The event store on PostgreSQL; the SQL side lives in migrations/…-create-event-store.ts. */
export class PostgresEventStore extends EventStore {
  constructor(private readonly db: DataSource) {
    super();
  }

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: EventMetadata,
    idempotency?: Idempotency,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const commandId = idempotency?.commandId ?? null;
    let row: CommandRow;
    try {
      const rows = await this.db.query<{ result: CommandRow }[]>(
        `SELECT es_append($1, $2, $3, $4, $5, $6, $7) AS result`,
        [
          streamId,
          expectedVersion === 'any' ? null : expectedVersion === 'no_stream' ? 0 : expectedVersion,
          JSON.stringify(events.map((e) => ({ type: e.type, data: e.data }))),
          JSON.stringify(commandId ? { ...metadata, commandId } : metadata),
          commandId,
          idempotency?.fingerprint ?? null,
          idempotency?.outcome === undefined ? null : JSON.stringify(idempotency.outcome),
        ],
      );
      row = rows[0]!.result;
    } catch (error) {
      row = await this.explainClash(error, streamId, expectedVersion, idempotency);
    }
    if (row.duplicate && idempotency) assertSameRequest(row, idempotency);
    return toAppendResult(row);
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
        ORDER BY stream_version`,
      [streamId, options.toVersion ?? null, options.asOf ?? null],
    );
    return rows.map(toStoredEvent);
  }

  /** Events after a checkpoint in commit order; see readLog for why nothing is skipped. */
  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return readLog((text, params) => this.db.query(text, params), options);
  }

  /** Recomputes every hash in the database and returns every row that breaks its chain. */
  async verify(streamId?: string): Promise<VerifyReport> {
    const counts = await this.db.query<{ streams: number; events: number }[]>(
      `SELECT count(DISTINCT stream_id)::int AS streams, count(*)::int AS events
         FROM events WHERE $1::text IS NULL OR stream_id = $1`,
      [streamId ?? null],
    );
    const rows = await this.db.query<BrokenRow[]>(
      `SELECT stream_id, stream_version, global_position, reason FROM (
         SELECT stream_id, stream_version, global_position::text AS global_position,
           CASE
             WHEN stream_version <> coalesce(previous_version, 0) + 1 THEN 'version_gap'
             WHEN previous_hash IS DISTINCT FROM chained_hash THEN 'previous_hash_mismatch'
             WHEN hash <> es_event_hash(previous_hash, stream_id, stream_version, type, data, metadata, recorded_at)
               THEN 'hash_mismatch'
           END AS reason
         FROM (
           SELECT e.*, lag(stream_version) OVER w AS previous_version, lag(hash) OVER w AS chained_hash
             FROM events e WHERE $1::text IS NULL OR e.stream_id = $1
           WINDOW w AS (PARTITION BY stream_id ORDER BY stream_version)
         ) chained
       ) checked
       WHERE reason IS NOT NULL
       ORDER BY stream_id, stream_version`,
      [streamId ?? null],
    );
    const broken = rows.map((r) => ({
      streamId: r.stream_id,
      streamVersion: r.stream_version,
      globalPosition: BigInt(r.global_position),
      reason: r.reason,
    }));
    return {
      ok: broken.length === 0,
      streamsChecked: counts[0]?.streams ?? 0,
      eventsChecked: counts[0]?.events ?? 0,
      broken,
    };
  }
}

function toAppendResult(row: CommandRow): AppendResult {
  return {
    streamId: row.streamId,
    firstVersion: row.firstVersion,
    nextExpectedVersion: row.nextExpectedVersion,
    position: { transactionId: BigInt(row.transactionId), globalPosition: BigInt(row.globalPosition) },
    duplicate: row.duplicate,
    outcome: row.outcome,
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
