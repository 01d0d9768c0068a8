import { readContentByStream, type EventContent, type LogCheckpoint } from '@app/event-store';
import {
  copyColumns,
  copyRows,
  isPoison,
  sqlOf,
  type CopyColumn,
  type ParkedAt,
  type TableMap,
} from '@app/projections';
import { UnreadableEventError } from '@app/platform';
import type { QueryRunner } from 'typeorm';
import { DECLARATION_STREAM_PREFIX, declarationStreamId, type DeclarationEvent } from '../domain/index.js';
import { rowsOf, type DeclarationRows } from './declaration-rows.js';

type Park = (at: ParkedAt, error: unknown) => Promise<void>;

/**
 * The declarations projection's replay into empty tables. Three things at once, so both cores
 * work: the next page is read on a second connection while this one folds the current page, and
 * the rows of the previous page are being written (COPY). At most three pages are held.
 */
export async function replayDeclarations(
  db: QueryRunner,
  upTo: LogCheckpoint,
  tables: TableMap,
  progress: (events: number) => Promise<void>,
  park: Park,
): Promise<void> {
  // A stream with an event it cannot fold keeps the rows of what came before that event (as
  // the live projection keeps them) and is parked.
  const fold = async (stream: EventContent[]): Promise<DeclarationRows | null> => {
    try {
      return rowsOfStream(stream);
    } catch (error) {
      if (!isPoison(error)) throw error;
      await park(stream[0]!, error);
      const at = error instanceof UnreadableEventError ? error.streamVersion : undefined;
      const before = at === undefined ? [] : stream.filter((e) => e.streamVersion < at);
      return before.length > 0 ? rowsOfStream(before) : null;
    }
  };
  const writer = await ReplayWriter.open(db, tables, park);
  const reader = db.connection.createQueryRunner();
  await reader.connect();
  const read = (after: { streamId: string; streamVersion: number } | null) =>
    settledLater(readContentByStream(sqlOf(reader), upTo, after, 2_000));
  let next = read(null);
  let writing: Promise<void> = Promise.resolve();
  try {
    let pending: EventContent[] = [];
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      next = read(page.at(-1)!);
      const done: DeclarationRows[] = [];
      for (const event of page) {
        if (!event.streamId.startsWith(DECLARATION_STREAM_PREFIX)) continue;
        if (pending.length > 0 && pending[0]!.streamId !== event.streamId) {
          const rows = await fold(pending);
          if (rows) done.push(rows);
          pending = [];
        }
        pending.push(event);
      }
      await writing;
      writing = settledLater(writer.write(done));
      await progress(page.length);
    }
    await writing;
    const last = pending.length > 0 ? await fold(pending) : null;
    if (last) await writer.write([last]);
  } finally {
    // Whatever failed, nothing is left running on either connection.
    await Promise.allSettled([next, writing]);
    await reader.release();
  }
}

/**
 * Writes declarations' rows with COPY, a chunk's three tables in one short transaction. COPY takes
 * all the rows or none: if PostgreSQL refuses one (a declaration id that is no uuid, say), the
 * chunk is written again declaration by declaration, and those refused are parked.
 */
class ReplayWriter {
  private constructor(
    private readonly db: QueryRunner,
    private readonly tables: readonly { table: string; columns: CopyColumn[]; of: (r: DeclarationRows) => object[] }[],
    private readonly park: Park,
  ) {}

  static async open(db: QueryRunner, tables: TableMap, park: Park): Promise<ReplayWriter> {
    const of: Record<string, (r: DeclarationRows) => object[]> = {
      declaration_list: (r) => [r.list],
      declaration_actions: (r) => r.actions,
      indicator_rows: (r) => r.indicators,
    };
    const targets = [];
    for (const [live, rowsOfTable] of Object.entries(of)) {
      const table = tables[live]!;
      targets.push({ table, columns: await copyColumns(db, table), of: rowsOfTable });
    }
    return new ReplayWriter(db, targets, park);
  }

  async write(rows: readonly DeclarationRows[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.copy(rows);
      return;
    } catch (error) {
      if (!isPoison(error)) throw error;
    }
    for (const one of rows) {
      try {
        await this.copy([one]);
      } catch (error) {
        if (!isPoison(error)) throw error;
        await this.park({ streamId: declarationStreamId(one.list.declaration_id), streamVersion: 1 }, error);
      }
    }
  }

  private async copy(rows: readonly DeclarationRows[]): Promise<void> {
    await this.db.startTransaction();
    try {
      for (const { table, columns, of } of this.tables) await copyRows(this.db, table, columns, rows.flatMap(of));
      await this.db.commitTransaction();
    } catch (error) {
      // A lost connection has no transaction left to roll back: the COPY's own error is the one to tell.
      await this.db.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }
}

/** A promise awaited later than it may fail: its failure must not count as unhandled meanwhile. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export function rowsOfStream(events: readonly Pick<EventContent, 'type' | 'data'>[]): DeclarationRows {
  return rowsOf(events.map(({ type, data }) => ({ type, data }) as DeclarationEvent));
}
