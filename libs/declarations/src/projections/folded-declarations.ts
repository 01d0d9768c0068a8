import { readStreamsUpTo, type StoredEvent } from '@app/event-store';
import { sqlOf } from '@app/projections';
import type { QueryRunner } from 'typeorm';
import { declarationIdOf, type DeclarationEvent } from '../domain/index.js';
import { foldRows, rowsOfFolded, type DeclarationRows, type FoldedRows } from './declaration-rows.js';
import type { RowChange } from './row-changes.js';

/**
 * How many declarations a process keeps folded. A batch of commands touches a few dozen; an entry
 * (state, rows, actions) is about 10–40 KB on the heap for a real form (its JSON is 6 KB with six
 * indicators), so at most a few tens of MB of the worker's 300 MB.
 */
const CAPACITY = 1_000;

interface Entry {
  folded: FoldedRows;
  rows: DeclarationRows;
}

export interface Advanced {
  changes: RowChange[];
  /** Keeps the new folds for the next batch: call it once their rows are written. */
  keep(): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The declarations a batch touches, folded onto what the last batches left instead of re-read.
 *
 * A cached fold is used only when the table about to be written holds exactly the version it is
 * folded to, and the batch starts right after it. Rows are a pure function of the first n events,
 * so the table then holds the cached rows, whoever wrote them: another worker, a batch rolled back
 * after the cache moved on (the table is behind it then, so it misses), a rebuild's swap (entries
 * are kept per physical table, by oid, and a swapped-in table is another one), a parked stream
 * restored. Anything else is a miss: the stream is read up to the batch's last event, as before,
 * and all its rows replaced.
 */
export class FoldedDeclarations {
  /** By `<table oid>/<stream id>`, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  readonly stats = { cached: 0, started: 0, reread: 0 };

  constructor(private readonly capacity = CAPACITY) {}

  async advance(db: QueryRunner, streams: ReadonlyMap<string, StoredEvent[]>, listTable: string): Promise<Advanced> {
    const { oid, versions } = await heldVersions(db, listTable, [...streams.keys()]);
    const folds: { streamId: string; from: Entry | 'none'; events: StoredEvent[] }[] = [];
    const misses = new Map<string, number>();
    for (const [streamId, events] of streams) {
      const held = versions.get(declarationIdOf(streamId)!) ?? 0;
      const cached = this.take(`${oid}/${streamId}`);
      if (events[0]!.streamVersion !== held + 1) misses.set(streamId, events.at(-1)!.streamVersion);
      else if (held === 0) folds.push({ streamId, from: 'none', events });
      else if (cached?.folded.version === held) folds.push({ streamId, from: cached, events });
      else misses.set(streamId, events.at(-1)!.streamVersion);
    }
    const reread = byStream(misses.size > 0 ? await readStreamsUpTo(sqlOf(db), misses) : []);
    const kept: [string, Entry][] = [];
    const changes: RowChange[] = [];
    const fold = (streamId: string, from: Entry | null, events: readonly StoredEvent[], known: boolean) => {
      const folded = foldRows(from?.folded ?? null, events.map(content));
      const rows = rowsOfFolded(folded);
      // A stream whose declaration has another id than its name (a log written around the service)
      // is not the row its name finds: it is replaced whole, as before, and not kept.
      const own = rows.list.declaration_id === declarationIdOf(streamId);
      changes.push({ before: own && known ? (from?.rows ?? 'none') : 'unknown', after: rows });
      if (own) kept.push([`${oid}/${streamId}`, { folded, rows }]);
    };
    for (const { streamId, from, events } of folds) fold(streamId, from === 'none' ? null : from, events, true);
    for (const [streamId, events] of reread) fold(streamId, null, events, false);
    this.stats.cached += folds.filter((f) => f.from !== 'none').length;
    this.stats.started += folds.filter((f) => f.from === 'none').length;
    this.stats.reread += misses.size;
    return { changes, keep: () => kept.forEach(([key, entry]) => this.put(key, entry)) };
  }

  /** Drops what is kept of a stream (its rows are being written afresh). */
  forget(streamId: string): void {
    for (const key of [...this.entries.keys()]) if (key.endsWith(`/${streamId}`)) this.entries.delete(key);
  }

  /** An entry, taken out: put back once the batch is written, it counts as the most recently used. */
  private take(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}

/** The physical table, and the version of each declaration it holds a row of. */
async function heldVersions(
  db: QueryRunner,
  listTable: string,
  streamIds: readonly string[],
): Promise<{ oid: string; versions: Map<string, number> }> {
  // Only a uuid can be a row's key; a stream named otherwise has none (and must not fail the cast).
  const ids = streamIds.map((s) => declarationIdOf(s)!).filter((id) => UUID.test(id));
  const [row] = (await db.query(
    `SELECT $2::regclass::oid::text AS oid,
            (SELECT json_object_agg(declaration_id, version) FROM ${listTable}
              WHERE declaration_id = ANY($1::uuid[])) AS versions`,
    [ids, listTable],
  )) as [{ oid: string; versions: Record<string, number> | null }];
  return { oid: row.oid, versions: new Map(Object.entries(row.versions ?? {})) };
}

const content = ({ type, data }: StoredEvent): DeclarationEvent => ({ type, data }) as DeclarationEvent;

export function byStream(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const stream = streams.get(event.streamId);
    if (stream) stream.push(event);
    else streams.set(event.streamId, [event]);
  }
  return streams;
}
