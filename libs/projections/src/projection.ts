import type { LogCheckpoint, StoredEvent } from '@app/event-store';
import type { QueryRunner } from 'typeorm';
import type { ParkedAt } from './parked-streams.js';

/** Live table name → the physical table to write: itself, or its `__next` twin during a rebuild. */
export type TableMap = Readonly<Record<string, string>>;

/**
 * A read model kept from the log. The runner hands it events in commit order inside the
 * transaction that also moves its checkpoint, so each event is applied exactly once.
 */
export interface Projection {
  readonly name: string;
  /** The tables it owns; a rebuild fills `<table>__next` twins and swaps them in. */
  readonly tables: readonly string[];
  /** Applies events (commit order) to `tables`, using `db`'s open transaction. */
  apply(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap): Promise<void>;
  /**
   * Fills empty `tables` with everything in the log up to and including `upTo`, the fast way
   * (e.g. stream by stream). Reports progress in events read. A stream it cannot apply is left
   * out (none of its rows written) and handed to `park`; any other failure fails the replay.
   */
  replay(
    db: QueryRunner,
    upTo: LogCheckpoint,
    tables: TableMap,
    progress: (events: number) => Promise<void>,
    park: (at: ParkedAt, error: unknown) => Promise<void>,
  ): Promise<void>;
  /** Writes one stream's rows afresh from all its events: a parked stream retried after a fix. */
  restore(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap): Promise<void>;
}

export const liveTables = (projection: Pick<Projection, 'tables'>): TableMap =>
  Object.fromEntries(projection.tables.map((t) => [t, t]));

export const nextTables = (projection: Projection): TableMap =>
  Object.fromEntries(projection.tables.map((t) => [t, `${t}__next`]));
