import type { LogCheckpoint, StoredEvent } from '@app/event-store';
import type { QueryRunner } from 'typeorm';

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
   * (e.g. stream by stream). Reports progress in events read.
   */
  replay(
    db: QueryRunner,
    upTo: LogCheckpoint,
    tables: TableMap,
    progress: (events: number) => Promise<void>,
  ): Promise<void>;
}

export const liveTables = (projection: Pick<Projection, 'tables'>): TableMap =>
  Object.fromEntries(projection.tables.map((t) => [t, t]));

export const nextTables = (projection: Projection): TableMap =>
  Object.fromEntries(projection.tables.map((t) => [t, `${t}__next`]));
