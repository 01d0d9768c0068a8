import { Injectable } from '@nestjs/common';
import { readContentByStream, type EventContent, type LogCheckpoint, type StoredEvent } from '@app/event-store';
import { isPoison, sqlOf, type ParkedAt, type Projection, type TableMap } from '@app/projections';
import { UnreadableEventError } from '@app/platform';
import type { QueryRunner } from 'typeorm';
import { DECLARATION_STREAM_PREFIX, declarationStreamId, type DeclarationEvent } from '../domain/index.js';
import { rowsOf, type DeclarationRows } from './declaration-rows.js';
import { FoldedDeclarations } from './folded-declarations.js';
import { writeRowChanges } from './row-changes.js';

const LIST = 'declaration_list';
const ACTIONS = 'declaration_actions';
const INDICATORS = 'indicator_rows';

/**
 * Keeps the list, the actions (已办) and the indicator table. Every row is a pure function of a
 * declaration's events (rowsOf). Applying a batch folds its events onto the declarations' cached
 * folds (FoldedDeclarations) and writes only the rows that differ (writeRowChanges); a rebuild
 * folds each stream once, in stream order.
 */
@Injectable()
export class DeclarationsProjection implements Projection {
  readonly name = 'declarations';
  readonly tables = [LIST, ACTIONS, INDICATORS] as const;

  /** The declarations' folds the last batches left: a batch folds only its own events onto them. */
  readonly folded = new FoldedDeclarations();

  async apply(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap): Promise<void> {
    const streams = groupByStream(events.filter((e) => e.streamId.startsWith(DECLARATION_STREAM_PREFIX)));
    if (streams.size === 0) return;
    const advanced = await this.folded.advance(db, streams, tables[LIST]!);
    await writeRowChanges(db, tables, advanced.changes);
    advanced.keep();
  }

  /**
   * Three things at once, so both cores work: the next page is read on a second connection while
   * this one folds the current page, and the rows of the previous page are being written.
   */
  async replay(
    db: QueryRunner,
    upTo: LogCheckpoint,
    tables: TableMap,
    progress: (events: number) => Promise<void>,
    park: (at: ParkedAt, error: unknown) => Promise<void>,
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
        writing = settledLater(this.writeOrPark(db, done, tables, park));
        await progress(page.length);
      }
      await writing;
      const last = pending.length > 0 ? await fold(pending) : null;
      if (last) await this.writeOrPark(db, [last], tables, park);
    } finally {
      // Whatever failed, nothing is left running on either connection.
      await Promise.allSettled([next, writing]);
      await reader.release();
    }
  }

  async restore(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap): Promise<void> {
    if (events[0]) this.folded.forget(events[0].streamId);
    await this.write(db, [rowsOfStream(events)], tables, true);
  }

  /**
   * A replay's write; if the database refuses the rows (one declaration's row too large for an
   * index, say), each declaration is written on its own, and those refused are parked.
   */
  private async writeOrPark(
    db: QueryRunner,
    rows: DeclarationRows[],
    tables: TableMap,
    park: (at: ParkedAt, error: unknown) => Promise<void>,
  ): Promise<void> {
    try {
      await this.write(db, rows, tables, false);
      return;
    } catch (error) {
      if (!isPoison(error)) throw error;
    }
    for (const one of rows) {
      try {
        await db.startTransaction();
        await this.write(db, [one], tables, false);
        await db.commitTransaction();
      } catch (error) {
        await db.rollbackTransaction();
        if (!isPoison(error)) throw error;
        await park({ streamId: declarationStreamId(one.list.declaration_id), streamVersion: 1 }, error);
      }
    }
  }

  /** Replaces the rows of the given declarations (each statement its own short transaction in a replay). */
  private async write(db: QueryRunner, rows: DeclarationRows[], tables: TableMap, replace: boolean): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.list.declaration_id);
    if (replace) {
      await db.query(`DELETE FROM ${tables[LIST]} WHERE declaration_id = ANY($1::uuid[])`, [ids]);
      await db.query(`DELETE FROM ${tables[ACTIONS]} WHERE declaration_id = ANY($1::uuid[])`, [ids]);
      await db.query(`DELETE FROM ${tables[INDICATORS]} WHERE declaration_id = ANY($1::uuid[])`, [ids]);
    }
    await insertAll(
      db,
      tables[LIST]!,
      rows.map((r) => r.list),
    );
    await insertAll(
      db,
      tables[ACTIONS]!,
      rows.flatMap((r) => r.actions),
    );
    await insertAll(
      db,
      tables[INDICATORS]!,
      rows.flatMap((r) => r.indicators),
    );
  }
}

/**
 * One statement for many rows: the JSON array becomes records of the table's own type. As json,
 * not jsonb: the text is read once, straight into the records (twice as fast as through jsonb).
 */
async function insertAll(db: QueryRunner, table: string, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 2_000) {
    const chunk = rows.slice(start, start + 2_000);
    await db.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(null::${table}, $1::json)`, [
      JSON.stringify(chunk),
    ]);
  }
}

/** A promise awaited later than it may fail: its failure must not count as unhandled meanwhile. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function rowsOfStream(events: readonly Pick<StoredEvent, 'type' | 'data'>[]): DeclarationRows {
  return rowsOf(events.map(({ type, data }) => ({ type, data }) as DeclarationEvent));
}

function groupByStream(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const stream = streams.get(event.streamId);
    if (stream) stream.push(event);
    else streams.set(event.streamId, [event]);
  }
  return streams;
}
