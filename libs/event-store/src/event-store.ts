/** The append-only log the whole service is built on. It knows nothing about declarations. */

/** Who caused an append, and why: copied onto every event of the append. */
export interface EventMetadata {
  actorId: string;
  role: string;
  unit?: string | null;
  correlationId?: string;
  commandId?: string;
  [extra: string]: unknown;
}

export interface NewEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

export interface StoredEvent<T extends string = string, D = unknown> {
  /** Unique, increasing, with gaps; commit order is (transactionId, globalPosition). */
  globalPosition: bigint;
  transactionId: bigint;
  streamId: string;
  streamVersion: number;
  type: T;
  data: D;
  metadata: EventMetadata;
  recordedAt: Date;
  previousHash: string | null;
  hash: string;
}

/** `no_stream`: the stream must not exist yet; a number: the stream must be at exactly that version. */
export type ExpectedVersion = 'any' | 'no_stream' | number;

/** Where the reader of the whole log has got to; events are read in this order. */
export interface LogCheckpoint {
  transactionId: bigint;
  globalPosition: bigint;
}

export const LOG_START: LogCheckpoint = { transactionId: 0n, globalPosition: 0n };

export interface Idempotency {
  /** Unique per command; a repeat appends nothing and gets the first outcome back. */
  commandId: string;
  /** Describes the request; the same id with a different fingerprint is refused. */
  fingerprint?: string;
  /** Anything the caller wants handed back on a repeat (e.g. the HTTP response). */
  outcome?: unknown;
}

/** One stream's part of `appendMany`: what `append` takes, as one value. */
export interface StreamAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: readonly NewEvent[];
  metadata: EventMetadata;
  idempotency?: Idempotency;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append (the ETag). */
  nextExpectedVersion: number;
  firstVersion: number;
  /** Where the last event of this append sits in the log, for read-your-writes. */
  position: LogCheckpoint;
  /** True when this was a repeat of an earlier command: nothing was appended. */
  duplicate: boolean;
  outcome: unknown;
  /** The hash of the stream's last event after the append (on a repeat, after the first one, if recorded). */
  hash?: string;
}

export interface ReadStreamOptions {
  /** Only events after this version. */
  afterVersion?: number;
  /** Only events up to and including this version. */
  toVersion?: number;
  /** Only events recorded at or before this time. */
  asOf?: Date;
}

/**
 * The last event a read sees (up to a version, recorded at or before a moment): its version and
 * hash, and how many events it sees. `events` equals `version` unless an event was recorded out of
 * version order (an append whose transaction began before the one of the version below it).
 */
export interface StreamHead {
  version: number;
  events: number;
  hash: string;
}

export interface ReadAllOptions {
  after?: LogCheckpoint;
  limit?: number;
}

export interface BrokenLink {
  streamId: string;
  streamVersion: number;
  globalPosition: bigint | null;
  /**
   * The chain: `hash_mismatch`, `previous_hash_mismatch`, `version_gap`. The proof: `unsigned` (no
   * proof: not appended by the service), `bad_signature` (the proof does not match what is
   * stored), `unknown_key` (proved with a key the service does not hold).
   */
  reason: 'hash_mismatch' | 'previous_hash_mismatch' | 'version_gap' | 'unsigned' | 'bad_signature' | 'unknown_key';
}

export interface VerifyReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  /** Every broken link, stream by stream in version order. */
  broken: BrokenLink[];
  /**
   * `changed` when the database's `es_event_hash` is not the one its migration made (replaced,
   * shadowed, or calling replaced built-ins): its recomputed hashes prove nothing, so every proof
   * was checked instead, and the report is not ok.
   */
  hashFunction: 'intact' | 'changed';
}

export abstract class EventStore {
  /**
   * `expectedHash`: the hash of the event at `expectedVersion` the caller's state was folded from;
   * a stream at that version ending in another hash is a HeadMismatchError and nothing is appended.
   */
  abstract append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: EventMetadata,
    idempotency?: Idempotency,
    expectedHash?: string,
  ): Promise<AppendResult>;

  /**
   * Several appends in one transaction (on PostgreSQL one round trip): each is checked, chained
   * and made idempotent exactly as `append` does it, and the results come back in order. A
   * version clash in any of them appends none of them.
   */
  abstract appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;

  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** Where a read with these options ends, without reading the events; null for no events. */
  abstract streamHead(streamId: string, options?: Omit<ReadStreamOptions, 'afterVersion'>): Promise<StreamHead | null>;

  /** Events after a checkpoint in commit order; never skips one that commits late. */
  abstract readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;

  /**
   * The outcome of an earlier command, so a repeat can answer before deciding anything.
   * With a fingerprint, a command id used for a different request is refused.
   */
  abstract findCommand(commandId: string, fingerprint?: string): Promise<AppendResult | null>;

  /**
   * Every chain, hash and proof (of one stream, or all). `provenThrough`: a signed checkpoint the
   * caller checks the log against at the same time; the proofs of the events it covers, except its
   * `unproven`, are not checked again, which is sound only if its root turns out to be the log's.
   */
  abstract verify(streamId?: string, provenThrough?: ProvenPrefix): Promise<VerifyReport>;

  /**
   * Runs `work` in one database transaction: the appends it makes through `tx.store` and the
   * writes it makes through `tx.query` (another table, e.g. `users`) commit together or not at
   * all. Throwing rolls everything back.
   */
  abstract inTransaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}

/** What `inTransaction` hands its work: the store, and plain SQL, both on the one transaction. */
export interface StoreTransaction {
  store: EventStore;
  query<T = unknown>(text: string, params?: unknown[]): Promise<T>;
}

export function checkpointOf(event: Pick<StoredEvent, 'transactionId' | 'globalPosition'>): LogCheckpoint {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}

export function compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}

/** A checkpoint as one opaque string, e.g. for a response header or a query parameter. */
export function formatCheckpoint(checkpoint: LogCheckpoint): string {
  return `${checkpoint.transactionId}-${checkpoint.globalPosition}`;
}

export function parseCheckpoint(text: string): LogCheckpoint | null {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(text);
  if (!match) return null;
  return { transactionId: BigInt(match[1]!), globalPosition: BigInt(match[2]!) };
}

/** What a signed checkpoint says it covered: its last event, and the leaves it did not vouch for. */
export interface ProvenPrefix {
  /** `<transaction id>-<global position>` of its last event. */
  lastPosition: string;
  /** Leaf indexes whose proof failed when it was signed. */
  unproven: readonly number[];
}
