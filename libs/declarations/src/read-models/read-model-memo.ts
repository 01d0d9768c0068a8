import { compareCheckpoints, type LogCheckpoint } from '@app/event-store';

/** The read model the list and the inbox read: the declarations projection's tables. */
export const READ_MODEL = 'declarations';

/**
 * Answers computed from the read model, kept until its position moves. The projection writes rows
 * and moves its checkpoint in one transaction, so an answer computed between two readings of the
 * same position is exactly the answer at that position: the counts and totals of a filtered set
 * cost one scan per change of the read model instead of one per request. An answer is kept only
 * if the position has not moved by the time it is ready.
 */
export class ReadModelMemo {
  private position: LogCheckpoint | null = null;
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(
    /** Reads the read model's position again, once an answer is computed. */
    private readonly positionNow: () => Promise<LogCheckpoint>,
    private readonly limit = 500,
  ) {}

  /** The answer at `position` (read before the call): kept, or computed now. Without a position, computed. */
  answer<T>(position: LogCheckpoint | undefined, key: string, compute: () => Promise<T>): Promise<T> {
    if (position === undefined) return compute();
    const order = this.position ? compareCheckpoints(position, this.position) : 1;
    // A request that read the position before the last move: its answer is not kept.
    if (order < 0) return compute();
    if (order > 0) {
      this.position = position;
      this.answers.clear();
    }
    const kept = this.answers.get(key) as Promise<T> | undefined;
    if (kept) return kept;
    // Kept while it is computed too: the same question asked meanwhile waits for this scan.
    const computing = this.computeAndCheck(position, key, compute);
    if (this.answers.size >= this.limit) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, computing);
    return computing;
  }

  private async computeAndCheck<T>(position: LogCheckpoint, key: string, compute: () => Promise<T>): Promise<T> {
    try {
      const value = await compute();
      if (compareCheckpoints(await this.positionNow(), position) !== 0) this.forget(position, key);
      return value;
    } catch (error) {
      this.forget(position, key);
      throw error;
    }
  }

  private forget(position: LogCheckpoint, key: string): void {
    if (this.position && compareCheckpoints(this.position, position) === 0) this.answers.delete(key);
  }
}
