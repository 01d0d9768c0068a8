import { UnreadableEventError } from '@app/platform';
import type { LogCheckpoint, StoredEvent } from '@app/event-store';
import type { QueryRunner } from 'typeorm';

/** A stream a projection (or log consumer) skips: where it stopped, and why. */
export interface ParkedStream {
  streamId: string;
  position: LogCheckpoint;
  eventType: string;
  error: string;
  parkedAt: string;
}

/** What a stream is parked at: the event the projection could not apply (or the first it tried). */
export type ParkedAt = Pick<StoredEvent, 'streamId' | 'streamVersion'>;

/** A connection or a pool: both answer `query(text, params)`. */
type Queryable = { query(text: string, params?: unknown[]): Promise<unknown> };

/** Told when a stream is parked (the worker logs it at error level). */
export type OnParked = (name: string, at: ParkedAt, error: unknown) => void;

/**
 * Whether a failure is the data's, so parking its stream is right: an event the code cannot apply,
 * or PostgreSQL refusing the rows it makes (data exceptions, integrity, limits such as an index
 * row too large). Anything else (a connection lost, Redis away) is retried, the batch whole.
 */
export function isPoison(error: unknown): boolean {
  if (error instanceof UnreadableEventError) return true;
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ??
    (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^(22|23|54)/.test(code);
}

export async function parkedStreamIds(db: QueryRunner, name: string): Promise<Set<string>> {
  const rows = (await db.query(`SELECT stream_id FROM parked_streams WHERE name = $1`, [name])) as {
    stream_id: string;
  }[];
  return new Set(rows.map((r) => r.stream_id));
}

/** Parks a stream at the event that failed, when the error names it, or else at `at`. */
export async function park(db: Queryable, name: string, at: ParkedAt, error: unknown): Promise<void> {
  const version = error instanceof UnreadableEventError ? (error.streamVersion ?? at.streamVersion) : at.streamVersion;
  await db.query(
    `INSERT INTO parked_streams (name, stream_id, transaction_id, global_position, event_type, error)
     SELECT $1, e.stream_id, e.transaction_id::text::bigint, e.global_position, e.type, $4
       FROM events e WHERE e.stream_id = $2 AND e.stream_version = $3
     ON CONFLICT (name, stream_id) DO UPDATE SET error = excluded.error, parked_at = now()`,
    [name, at.streamId, version, describe(error)],
  );
}

export async function listParked(db: Queryable, name: string): Promise<ParkedStream[]> {
  const rows = (await db.query(
    `SELECT stream_id, transaction_id, global_position, event_type, error, parked_at
       FROM parked_streams WHERE name = $1 ORDER BY parked_at, stream_id`,
    [name],
  )) as {
    stream_id: string;
    transaction_id: string;
    global_position: string;
    event_type: string;
    error: string;
    parked_at: Date;
  }[];
  return rows.map((r) => ({
    streamId: r.stream_id,
    position: { transactionId: BigInt(r.transaction_id), globalPosition: BigInt(r.global_position) },
    eventType: r.event_type,
    error: r.error,
    parkedAt: r.parked_at.toISOString(),
  }));
}

/** At a rebuild's swap, the streams it parked become the live projection's. */
export async function handOverParked(db: QueryRunner, from: string, to: string): Promise<void> {
  await db.query(`DELETE FROM parked_streams WHERE name = $1`, [to]);
  await db.query(`UPDATE parked_streams SET name = $2 WHERE name = $1`, [from, to]);
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}
