import { createHash } from 'node:crypto';
import { ConcurrencyError, HeadMismatchError, IdempotencyConflictError } from './errors.js';
import {
  EventStore,
  compareCheckpoints,
  LOG_START,
  type AppendResult,
  type BrokenLink,
  type EventMetadata,
  type ExpectedVersion,
  type Idempotency,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StoreTransaction,
  type StreamAppend,
  type StreamHead,
  type ProvenPrefix,
  type VerifyReport,
} from './event-store.js';

interface StoredCommand {
  result: AppendResult;
  fingerprint: string | null;
}

/** The same contract in memory, for fast domain and API tests. Every append is its own "transaction". */
export class InMemoryEventStore extends EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly commands = new Map<string, StoredCommand>();
  private nextTransaction = 1n;

  constructor(private readonly now: () => Date = () => new Date()) {
    super();
  }

  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: EventMetadata,
    idempotency?: Idempotency,
    expectedHash?: string,
  ): Promise<AppendResult> {
    return Promise.resolve().then(() =>
      this.appendNow(streamId, expectedVersion, events, metadata, idempotency, this.nextTransaction++, expectedHash),
    );
  }

  /** No database here: the work may append (each append its own "transaction"), not run SQL. */
  inTransaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return work({
      store: this,
      query: () => Promise.reject(new Error('the in-memory event store runs no SQL')),
    });
  }

  /** One transaction: on any failure the log, the streams and the commands are put back as they were. */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return Promise.resolve().then(() => {
      const saved = { log: this.log.length, streams: new Map(this.streams), commands: new Map(this.commands) };
      const transactionId = this.nextTransaction++;
      try {
        return appends.map((a) =>
          this.appendNow(a.streamId, a.expectedVersion, a.events, a.metadata, a.idempotency, transactionId),
        );
      } catch (error) {
        this.log.length = saved.log;
        this.streams.clear();
        for (const [id, stream] of saved.streams) this.streams.set(id, stream);
        this.commands.clear();
        for (const [id, command] of saved.commands) this.commands.set(id, command);
        throw error;
      }
    });
  }

  private appendNow(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: EventMetadata,
    idempotency: Idempotency | undefined,
    transactionId: bigint,
    expectedHash?: string,
  ): AppendResult {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (idempotency) {
      const earlier = this.commands.get(idempotency.commandId);
      if (earlier) {
        if (earlier.fingerprint !== (idempotency.fingerprint ?? null)) {
          throw new IdempotencyConflictError(idempotency.commandId);
        }
        return { ...earlier.result, duplicate: true };
      }
    }
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length;
    const wanted = expectedVersion === 'no_stream' ? 0 : expectedVersion;
    if (wanted !== 'any' && wanted !== current) throw new ConcurrencyError(streamId, expectedVersion, current);
    if (expectedHash !== undefined && stream.at(-1)?.hash !== expectedHash)
      throw new HeadMismatchError(streamId, current);

    const recordedAt = new Date(Math.floor(this.now().getTime()));
    const eventMetadata = idempotency ? { ...metadata, commandId: idempotency.commandId } : metadata;
    const stored: StoredEvent[] = [];
    let previousHash = stream.at(-1)?.hash ?? null;
    for (const event of events) {
      const base = {
        streamId,
        streamVersion: current + stored.length + 1,
        type: event.type,
        data: jsonCopy(event.data),
        metadata: jsonCopy(eventMetadata),
        recordedAt,
        previousHash,
      };
      const hash = hashEvent(base);
      stored.push({ ...base, hash, transactionId, globalPosition: BigInt(this.log.length + 1) });
      this.log.push(stored.at(-1)!);
      previousHash = hash;
    }
    this.streams.set(streamId, [...stream, ...stored]);
    const last = stored.at(-1)!;
    const result: AppendResult = {
      streamId,
      firstVersion: current + 1,
      nextExpectedVersion: last.streamVersion,
      position: { transactionId, globalPosition: last.globalPosition },
      duplicate: false,
      outcome: idempotency?.outcome === undefined ? null : jsonCopy(idempotency.outcome),
      hash: last.hash,
    };
    if (idempotency) this.commands.set(idempotency.commandId, { result, fingerprint: idempotency.fingerprint ?? null });
    return result;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const events = this.seen(streamId, options).filter((e) => e.streamVersion > (options.afterVersion ?? 0));
    return Promise.resolve(events.map(copyEvent));
  }

  streamHead(streamId: string, options: Omit<ReadStreamOptions, 'afterVersion'> = {}): Promise<StreamHead | null> {
    const seen = this.seen(streamId, options);
    const last = seen.reduce<StoredEvent | null>((a, e) => (a && a.streamVersion > e.streamVersion ? a : e), null);
    return Promise.resolve(last && { version: last.streamVersion, events: seen.length, hash: last.hash });
  }

  private seen(streamId: string, options: ReadStreamOptions): StoredEvent[] {
    return (this.streams.get(streamId) ?? []).filter(
      (e) =>
        (options.toVersion === undefined || e.streamVersion <= options.toVersion) &&
        (options.asOf === undefined || e.recordedAt.getTime() <= options.asOf.getTime()),
    );
  }

  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? LOG_START;
    const events = this.log.filter((e) => compareCheckpoints(e, after) > 0).slice(0, options.limit ?? 1000);
    return Promise.resolve(events.map(copyEvent));
  }

  findCommand(commandId: string, fingerprint?: string): Promise<AppendResult | null> {
    const earlier = this.commands.get(commandId);
    if (earlier && fingerprint !== undefined && earlier.fingerprint !== fingerprint) {
      return Promise.reject(new IdempotencyConflictError(commandId));
    }
    return Promise.resolve(earlier ? { ...earlier.result, duplicate: true } : null);
  }

  verify(streamId?: string, _provenThrough?: ProvenPrefix): Promise<VerifyReport> {
    const ids = streamId === undefined ? [...this.streams.keys()] : this.streams.has(streamId) ? [streamId] : [];
    const broken: BrokenLink[] = [];
    let eventsChecked = 0;
    for (const id of ids) {
      const stream = this.streams.get(id)!;
      eventsChecked += stream.length;
      broken.push(...brokenLinks(stream));
    }
    return Promise.resolve({
      ok: broken.length === 0,
      streamsChecked: ids.length,
      eventsChecked,
      broken,
      hashFunction: 'intact',
    });
  }

  /** Test hook: what a person editing the storage directly would do. */
  tamper(streamId: string, version: number, change: (event: StoredEvent) => void): void {
    const event = this.streams.get(streamId)?.[version - 1];
    if (!event) throw new Error(`no event ${streamId}@${version}`);
    change(event);
  }
}

/** Stored data goes through JSON, as it does into jsonb, so callers can't share references with the log. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function copyEvent(event: StoredEvent): StoredEvent {
  return {
    ...event,
    data: jsonCopy(event.data),
    metadata: jsonCopy(event.metadata),
    recordedAt: new Date(event.recordedAt),
  };
}

function brokenLinks(stream: StoredEvent[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  let previous: StoredEvent | null = null;
  for (const event of stream) {
    const at = { streamId: event.streamId, streamVersion: event.streamVersion, globalPosition: event.globalPosition };
    if (event.streamVersion !== (previous?.streamVersion ?? 0) + 1) broken.push({ ...at, reason: 'version_gap' });
    else if (event.previousHash !== (previous?.hash ?? null)) broken.push({ ...at, reason: 'previous_hash_mismatch' });
    else if (event.hash !== hashEvent(event)) broken.push({ ...at, reason: 'hash_mismatch' });
    previous = event;
  }
  return broken;
}

type HashInput = Pick<
  StoredEvent,
  'streamId' | 'streamVersion' | 'type' | 'data' | 'metadata' | 'recordedAt' | 'previousHash'
>;

function hashEvent(event: HashInput): string {
  const text = [
    event.previousHash ?? '',
    event.streamId,
    String(event.streamVersion),
    event.type,
    canonicalJson(event.data),
    canonicalJson(event.metadata),
    event.recordedAt.toISOString(),
  ].join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
