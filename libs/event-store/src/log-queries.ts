import {
  LOG_START,
  type EventMetadata,
  type LogCheckpoint,
  type ReadAllOptions,
  type StoredEvent,
} from './event-store.js';

/** Runs SQL on whatever holds the connection: a DataSource, or a QueryRunner inside a transaction. */
export type Sql = <T = unknown>(text: string, params?: unknown[]) => Promise<T[]>;

export interface EventRow {
  global_position: string;
  txid: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
  previous_hash: string | null;
  hash: string;
}

// The text alias must not be named transaction_id: ORDER BY would then sort the text ('100000' < '99999').
export const EVENT_COLUMNS = `global_position, transaction_id::text AS txid, stream_id, stream_version,
  type, data, metadata, recorded_at, previous_hash, hash`;

/**
 * Events after a checkpoint in commit order. Reads only below the oldest transaction still in
 * progress (pg_snapshot_xmin), ordered by transaction id: an event whose transaction commits
 * late cannot be overtaken and skipped. (A high-water mark with a gap timeout, Marten's way,
 * can skip a slow transaction; this cannot.)
 */
export async function readLog(sql: Sql, options: ReadAllOptions = {}): Promise<StoredEvent[]> {
  const after = options.after ?? LOG_START;
  const rows = await sql<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events
      WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY transaction_id, global_position
      LIMIT $3`,
    [after.transactionId.toString(), after.globalPosition.toString(), options.limit ?? 1000],
  );
  return rows.map(toStoredEvent);
}

/** The newest event every reader can already see (everything before it is committed), or null. */
export async function readableHead(sql: Sql): Promise<LogCheckpoint | null> {
  const rows = await sql<{ txid: string; global_position: string }>(
    `SELECT transaction_id::text AS txid, global_position FROM events
      WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { transactionId: BigInt(row.txid), globalPosition: BigInt(row.global_position) } : null;
}

/**
 * The log stream by stream (stream id, then version) up to a checkpoint, in pages after
 * `after`: how a rebuild folds each stream once instead of revisiting it all over the log.
 */
export function readByStream(
  sql: Sql,
  upTo: LogCheckpoint,
  after: { streamId: string; streamVersion: number } | null,
  limit: number,
): Promise<StoredEvent[]> {
  return pageByStream<EventRow>(sql, EVENT_COLUMNS, upTo, after, limit).then((rows) => rows.map(toStoredEvent));
}

/** One stream's events that a reader of the log up to `upTo` has seen, in version order. */
export async function readStreamUpTo(sql: Sql, streamId: string, upTo: LogCheckpoint): Promise<StoredEvent[]> {
  const rows = await sql<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events
      WHERE stream_id = $1 AND (transaction_id, global_position) <= ($2::text::xid8, $3::bigint)
      ORDER BY stream_version`,
    [streamId, upTo.transactionId.toString(), upTo.globalPosition.toString()],
  );
  return rows.map(toStoredEvent);
}

/** What folding a stream needs of its events: no metadata, hashes or times. */
export type EventContent = Pick<StoredEvent, 'streamId' | 'streamVersion' | 'type' | 'data'>;

/**
 * readByStream with only what a fold needs: a rebuild reads the whole log, and skipping the
 * metadata, hashes and times reads it a third faster.
 */
export async function readContentByStream(
  sql: Sql,
  upTo: LogCheckpoint,
  after: { streamId: string; streamVersion: number } | null,
  limit: number,
): Promise<EventContent[]> {
  const columns = 'stream_id, stream_version, type, data';
  const rows = await pageByStream<{ stream_id: string; stream_version: number; type: string; data: unknown }>(
    sql,
    columns,
    upTo,
    after,
    limit,
  );
  return rows.map((r) => ({ streamId: r.stream_id, streamVersion: r.stream_version, type: r.type, data: r.data }));
}

/** One page of the log in (stream id, version) order after `after`, up to the checkpoint. */
function pageByStream<Row>(
  sql: Sql,
  columns: string,
  upTo: LogCheckpoint,
  after: { streamId: string; streamVersion: number } | null,
  limit: number,
): Promise<Row[]> {
  return sql<Row>(
    `SELECT ${columns} FROM events
      WHERE (stream_id, stream_version) > ($1::text, $2::integer)
        AND (transaction_id, global_position) <= ($3::text::xid8, $4::bigint)
      ORDER BY stream_id, stream_version
      LIMIT $5`,
    [
      after?.streamId ?? '',
      after?.streamVersion ?? 0,
      upTo.transactionId.toString(),
      upTo.globalPosition.toString(),
      limit,
    ],
  );
}

/** Several streams at once, each up to its own version. */
export async function readStreamsUpTo(sql: Sql, upTo: ReadonlyMap<string, number>): Promise<StoredEvent[]> {
  if (upTo.size === 0) return [];
  const rows = await sql<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events
      WHERE stream_id = ANY($1::text[]) AND stream_version <= ($2::jsonb ->> stream_id)::integer
      ORDER BY stream_id, stream_version`,
    [[...upTo.keys()], JSON.stringify(Object.fromEntries(upTo))],
  );
  return rows.map(toStoredEvent);
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.txid),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
