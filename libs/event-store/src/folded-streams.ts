import { atVersion } from '@app/platform/errors';
import type { EventStore, NewEvent, ReadStreamOptions, StoredEvent } from './event-store.js';
import { FoldCache, type FoldedState } from './fold-cache.js';

/** A stream's state and the version it was folded to (the ETag). */
export interface StreamState<S> {
  state: S;
  version: number;
}

/** Folds one event into the state; the first event starts from null. Throws on an event it cannot apply. */
export type Evolve<S, E extends NewEvent> = (state: S | null, event: E) => S;

/** Keep a folded state every so many versions of a long stream, to start later folds from. */
const KEEP_EVERY = 100;

/**
 * States folded from streams, now or as they stood at a version or a moment, starting from the
 * nearest state this process folded before, so only the events after it are read. (Reading and
 * parsing every event of a long history, not folding it, was what a read of it cost.) A kept
 * state is used only while the log holds the same hash at its version, and that hash chains every
 * event before it.
 */
export class FoldedStreams<S extends object, E extends NewEvent> {
  private readonly kept = new FoldCache<S>();

  constructor(
    private readonly store: EventStore,
    private readonly evolve: Evolve<S, E>,
  ) {}

  async stateAt(
    streamId: string,
    options: Omit<ReadStreamOptions, 'afterVersion'> = {},
  ): Promise<StreamState<S> | null> {
    const head = await this.store.streamHead(streamId, options);
    if (!head) return null;
    if (head.events !== head.version) {
      // An event recorded out of version order leaves a gap in what a moment sees: fold exactly that.
      const events = await this.store.readStream(streamId, options);
      return { state: this.fold(null, events), version: events.at(-1)!.streamVersion };
    }
    let known = this.kept.nearest(streamId, head.version);
    if (known?.version === head.version) {
      if (known.hash === head.hash) return { state: known.state, version: known.version };
      this.kept.forget(streamId);
      known = undefined;
    }
    return { state: await this.foldAfter(streamId, known, head.version), version: head.version };
  }

  /**
   * The state this process folded at exactly `version`, with the hash it was folded to; unchecked
   * against the log: whoever uses it must let the log check the hash (an append's `expectedHash`).
   */
  folded(streamId: string, version: number): FoldedState<S> | undefined {
    const known = this.kept.nearest(streamId, version);
    return known?.version === version ? known : undefined;
  }

  /**
   * Keeps (and returns) the state an append of `events` onto `from` (null: a new stream) made, at
   * the version and hash the append returned, so the next command and its answer fold nothing. The events
   * go through JSON as they do into the log, so the state is the one a read would fold.
   */
  appended(
    streamId: string,
    from: S | null,
    events: readonly E[],
    head: { version: number; hash: string },
  ): S | undefined {
    try {
      const first = head.version - events.length + 1;
      const state = events.reduce<S | null>(
        (s, event, i) => atVersion(first + i, () => this.evolve(s, JSON.parse(JSON.stringify(event)) as E)),
        from,
      );
      this.kept.keep(streamId, { version: head.version, hash: head.hash, state: state! });
      return state!;
    } catch {
      // The append is committed whatever happens here: a read folds the stream from the log instead.
      this.kept.forget(streamId);
      return undefined;
    }
  }

  forget(streamId: string): void {
    this.kept.forget(streamId);
  }

  private async foldAfter(streamId: string, known: FoldedState<S> | undefined, version: number): Promise<S> {
    const events = await this.store.readStream(streamId, { afterVersion: known?.version ?? 0, toVersion: version });
    if (known && events[0]?.previousHash !== known.hash) {
      // The log no longer holds what the kept state was folded from: fold it all again.
      this.kept.forget(streamId);
      return this.foldAfter(streamId, undefined, version);
    }
    let state = known?.state ?? null;
    for (const event of events) {
      state = this.evolveAt(state, event);
      if (event.streamVersion % KEEP_EVERY === 0 || event.streamVersion === version) {
        this.kept.keep(streamId, { version: event.streamVersion, hash: event.hash, state });
      }
    }
    return state!;
  }

  private fold(state: S | null, events: readonly StoredEvent[]): S {
    return events.reduce<S | null>((s, event) => this.evolveAt(s, event), state)!;
  }

  private evolveAt(state: S | null, event: StoredEvent): S {
    return atVersion(event.streamVersion, () => this.evolve(state, { type: event.type, data: event.data } as E));
  }
}
