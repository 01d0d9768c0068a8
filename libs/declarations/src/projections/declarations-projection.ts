import { Injectable } from '@nestjs/common';
import { readStreamsUpTo, type LogCheckpoint, type StoredEvent } from '@app/event-store';
import { sqlOf, type ParkedAt, type Projection, type TableMap } from '@app/projections';
import type { QueryRunner } from 'typeorm';
import { DECLARATION_STREAM_PREFIX, type DeclarationEvent } from '../domain/index.js';
import { rowsOf, type DeclarationRows } from './declaration-rows.js';
import { replayDeclarations } from './declarations-replay.js';

const LIST = 'declaration_list';
const ACTIONS = 'declaration_actions';
const INDICATORS = 'indicator_rows';

/**
 * Keeps the list, the actions (已办) and the indicator table. Every row is a pure function of a
 * declaration's events (rowsOf), so applying a batch re-derives the rows of the declarations
 * it touched, and a rebuild folds each stream once, in stream order.
 */
@Injectable()
export class DeclarationsProjection implements Projection {
  readonly name = 'declarations';
  readonly tables = [LIST, ACTIONS, INDICATORS] as const;

  async apply(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap): Promise<void> {
    const upTo = new Map<string, number>();
    for (const event of events) {
      if (event.streamId.startsWith(DECLARATION_STREAM_PREFIX)) upTo.set(event.streamId, event.streamVersion);
    }
    if (upTo.size === 0) return;
    const streams = groupByStream(await readStreamsUpTo(sqlOf(db), upTo));
    const rows = [...streams.values()].map(rowsOfStream);
    await this.write(db, rows, tables, true);
  }

  /** Fills empty tables fast: stream by stream, written with COPY (declarations-replay.ts). */
  replay(
    db: QueryRunner,
    upTo: LogCheckpoint,
    tables: TableMap,
    progress: (events: number) => Promise<void>,
    park: (at: ParkedAt, error: unknown) => Promise<void>,
  ): Promise<void> {
    return replayDeclarations(db, upTo, tables, progress, park);
  }

  async restore(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap): Promise<void> {
    await this.write(db, [rowsOfStream(events)], tables, true);
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
