import { ConcurrencyError, ExpectedVersionRequiredError, HeadMismatchError, StreamNotFoundError } from './errors.js';
import type { EventMetadata, EventStore, LogCheckpoint, NewEvent } from './event-store.js';
import type { FoldedStreams } from './folded-streams.js';

/** A command on one stream: what the caller saw, and how to decide from the state. */
export interface StreamCommand<S, E extends NewEvent> {
  streamId: string;
  /** The version the caller's decision is based on; `no_stream` to start one; null: they did not say. */
  expectedVersion: number | 'no_stream' | null;
  /**
   * The events that record the command in this state, or an error saying why not: pure, but for
   * looking up what it needs to know (a unit's department).
   */
  decide: (state: S | null) => readonly E[] | Promise<readonly E[]>;
  metadata: EventMetadata;
  /** A repeat of the same command id appends nothing and is answered as the first time. */
  idempotency?: { commandId: string; fingerprint: string };
  /** A stream the caller may not see is, to them, a stream that does not exist. */
  mayRead?: (state: S) => boolean;
}

/** What a command did: where its stream stands after it, and where its last event sits in the log. */
export interface Handled<S = unknown> {
  streamId: string;
  version: number;
  /** The state its events made, folded in this process; absent on a repeat and when nothing changed. */
  state?: S;
  /** Null when the decision recorded nothing (an edit that changes nothing). */
  position: LogCheckpoint | null;
  /** True when this answers a repeat: nothing was written this time. */
  replayed: boolean;
}

/** A new stream, decided already (its first events), for `handleNew`. */
export interface NewStream<E extends NewEvent> {
  streamId: string;
  events: readonly E[];
  metadata: EventMetadata;
  idempotency?: { commandId: string; fingerprint: string };
}

/**
 * Every command goes the same way (Emmett's CommandHandler): answer a repeat from its first
 * outcome; load the state; check the caller saw this version; decide; append at that version.
 * The decision is pure, so a clash with a concurrent append is a 412, never a merge. The state is
 * loaded from the log only when this process has not folded the caller's version already.
 */
export class CommandHandler<S extends object, E extends NewEvent> {
  constructor(
    private readonly store: EventStore,
    private readonly streams: FoldedStreams<S, E>,
    /** Told after anything was appended (e.g. to wake the read models). */
    private readonly appended: () => void = () => undefined,
  ) {}

  async handle(command: StreamCommand<S, E>): Promise<Handled<S>> {
    const { idempotency } = command;
    const earlier = idempotency && (await this.store.findCommand(idempotency.commandId, idempotency.fingerprint));
    if (earlier) return replayOf(earlier);
    return (await this.onKnownState(command)) ?? this.onLoadedState(command);
  }

  /**
   * The lean path: the state at the caller's version is one this process folded, so decide on it and
   * append at that version and hash, one round trip; the append refuses it if the log does not end
   * there (a clash is a 412 as below). Anything else (no such state, a decision that refuses or
   * records nothing, a log that ends in another hash) takes the full path, which answers it exactly.
   */
  private async onKnownState(command: StreamCommand<S, E>): Promise<Handled<S> | null> {
    const { streamId, expectedVersion } = command;
    const known = typeof expectedVersion === 'number' ? this.streams.folded(streamId, expectedVersion) : undefined;
    if (!known || !(command.mayRead?.(known.state) ?? true)) return null;
    let events: readonly E[];
    try {
      events = await command.decide(known.state);
    } catch {
      return null;
    }
    if (events.length === 0) return null;
    try {
      return await this.append(command, known.state, events, known.hash);
    } catch (error) {
      if (!(error instanceof HeadMismatchError)) throw error;
      this.streams.forget(streamId);
      return null;
    }
  }

  /** Load the state from the log; check the caller saw this version; decide; append at it. */
  private async onLoadedState(command: StreamCommand<S, E>): Promise<Handled<S>> {
    const { streamId, expectedVersion, idempotency } = command;
    const loaded = await this.streams.stateAt(streamId);
    const seen = loaded && (command.mayRead?.(loaded.state) ?? true) ? loaded : null;
    if (seen === null && expectedVersion !== 'no_stream') throw new StreamNotFoundError(streamId);
    if (expectedVersion === null) throw new ExpectedVersionRequiredError(streamId);
    const version = seen?.version ?? 0;
    if ((expectedVersion === 'no_stream' ? 0 : expectedVersion) !== version) {
      // The same command, sent twice at once, may have moved the stream since we looked: its
      // outcome is committed with its events, so it is there now, and it is the answer.
      const first = idempotency && (await this.store.findCommand(idempotency.commandId, idempotency.fingerprint));
      if (first) return replayOf(first);
      throw new ConcurrencyError(streamId, expectedVersion, version);
    }
    const events = await command.decide(seen?.state ?? null);
    if (events.length === 0) return { streamId, version, position: null, replayed: false };
    return this.append(command, seen?.state ?? null, events);
  }

  /** Appends at the expected version (and hash); keeps the state it made for the next command and read. */
  private async append(
    { streamId, expectedVersion, metadata, idempotency }: StreamCommand<S, E>,
    from: S | null,
    events: readonly E[],
    expectedHash?: string,
  ): Promise<Handled<S>> {
    const result = await this.store.append(streamId, expectedVersion!, events, metadata, idempotency, expectedHash);
    if (result.duplicate) return replayOf(result);
    this.appended();
    const head = result.hash && { version: result.nextExpectedVersion, hash: result.hash };
    const state = head ? this.streams.appended(streamId, from, events, head) : undefined;
    return { ...handledOf(result), state };
  }

  /** New streams in one transaction (an import's forms); a repeated command appends nothing. */
  async handleNew(streams: readonly NewStream<E>[]): Promise<Handled<S>[]> {
    const results = await this.store.appendMany(
      streams.map(({ streamId, events, metadata, idempotency }) => ({
        streamId,
        expectedVersion: 'no_stream' as const,
        events,
        metadata,
        idempotency,
      })),
    );
    if (results.some((r) => !r.duplicate)) this.appended();
    return results.map((r) => (r.duplicate ? replayOf(r) : handledOf(r)));
  }
}

type Appended = Awaited<ReturnType<EventStore['append']>>;

function handledOf(result: Appended): Handled<never> {
  return { streamId: result.streamId, version: result.nextExpectedVersion, position: result.position, replayed: false };
}

function replayOf(result: Appended): Handled<never> {
  return { ...handledOf(result), replayed: true };
}
