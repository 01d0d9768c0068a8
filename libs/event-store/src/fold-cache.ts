/** A state folded from a stream's first `version` events, and the hash the log holds for that version. */
export interface FoldedState<S> {
  version: number;
  hash: string;
  state: S;
}

interface Kept<S> extends FoldedState<S> {
  usedAt: number;
}

/**
 * States this process has folded, a few per stream for the streams read last, so that the next
 * read of a stream folds only the events after the nearest one. The states are frozen: a reader
 * that changed one would change every later answer.
 */
export class FoldCache<S extends object> {
  private readonly streams = new Map<string, Kept<S>[]>();
  private clock = 0;

  constructor(
    private readonly maxStreams = 256,
    private readonly perStream = 12,
  ) {}

  /** The kept state of the highest version at or below `version`. */
  nearest(streamId: string, version: number): FoldedState<S> | undefined {
    const kept = this.streams.get(streamId);
    if (!kept) return undefined;
    // Map order is the order of use: the stream read least recently is dropped first.
    this.streams.delete(streamId);
    this.streams.set(streamId, kept);
    const best = kept.filter((k) => k.version <= version).at(-1);
    if (best) best.usedAt = ++this.clock;
    return best;
  }

  keep(streamId: string, folded: FoldedState<S>): void {
    const kept = this.streams.get(streamId) ?? [];
    const others = kept.filter((k) => k.version !== folded.version);
    others.push({ ...folded, state: deepFreeze(folded.state), usedAt: ++this.clock });
    others.sort((a, b) => a.version - b.version);
    if (others.length > this.perStream) {
      const stalest = others.reduce((a, b) => (b.usedAt < a.usedAt ? b : a));
      others.splice(others.indexOf(stalest), 1);
    }
    this.streams.delete(streamId);
    this.streams.set(streamId, others);
    if (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value!);
  }

  forget(streamId: string): void {
    this.streams.delete(streamId);
  }
}

function deepFreeze<T extends object>(value: T): T {
  if (Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return value;
}
