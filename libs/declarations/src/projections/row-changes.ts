import type { TableMap } from '@app/projections';
import type { QueryRunner } from 'typeorm';
import type { DeclarationRows } from './declaration-rows.js';

/**
 * What a batch does to one declaration's rows: from `before` (the rows the table holds; `none`
 * when it holds none, `unknown` when they are not known here) to `after`. Unknown rows are all
 * replaced; known ones are compared, and only the rows that differ are written.
 */
export interface RowChange {
  before: DeclarationRows | 'none' | 'unknown';
  after: DeclarationRows;
}

type Row = Record<string, unknown>;

/** Each table of the projection: its rows in DeclarationRows and its primary key. */
const TABLES: readonly { table: string; key: readonly string[]; rows: (r: DeclarationRows) => readonly object[] }[] = [
  { table: 'declaration_list', key: ['declaration_id'], rows: (r) => [r.list] },
  { table: 'declaration_actions', key: ['declaration_id', 'version'], rows: (r) => r.actions },
  { table: 'indicator_rows', key: ['declaration_id', 'indicator_id'], rows: (r) => r.indicators },
];

/**
 * Writes a batch's changes, a few statements per table whatever the batch's size: the rows of
 * declarations with unknown rows are deleted and inserted again, rows gone are deleted by key, and
 * new or changed rows are upserted. An unchanged row is not touched (an indicator revision rewrites
 * one indicator row, keeping its trigram entries, and the list row).
 */
export async function writeRowChanges(db: QueryRunner, tables: TableMap, changes: readonly RowChange[]): Promise<void> {
  const replaced = changes.filter((c) => c.before === 'unknown').map((c) => c.after.list.declaration_id);
  for (const { table, key, rows } of TABLES) {
    const physical = tables[table]!;
    const { removed, inserted, upserted } = tableChanges(changes, rows, key);
    if (replaced.length > 0)
      await db.query(`DELETE FROM ${physical} WHERE declaration_id = ANY($1::uuid[])`, [replaced]);
    await inChunks(removed, (chunk) =>
      db.query(
        `DELETE FROM ${physical} t USING json_populate_recordset(null::${physical}, $1::json) r
          WHERE ${key.map((k) => `t.${k} = r.${k}`).join(' AND ')}`,
        [JSON.stringify(chunk.map((row) => Object.fromEntries(key.map((k) => [k, row[k]]))))],
      ),
    );
    const insert = `INSERT INTO ${physical} SELECT * FROM json_populate_recordset(null::${physical}, $1::json)`;
    await inChunks(inserted, (chunk) => db.query(insert, [JSON.stringify(chunk)]));
    await inChunks(upserted, (chunk) =>
      db.query(`${insert} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${setClause(chunk[0]!, key)}`, [
        JSON.stringify(chunk),
      ]),
    );
  }
}

/**
 * One table's part of the changes. Replaced rows are inserted plainly, as before: two streams
 * claiming one declaration (a log written around the service) then fail on its key and are parked,
 * instead of one overwriting the other.
 */
function tableChanges(
  changes: readonly RowChange[],
  rows: (r: DeclarationRows) => readonly object[],
  key: readonly string[],
): { removed: Row[]; inserted: Row[]; upserted: Row[] } {
  const removed: Row[] = [];
  const inserted: Row[] = [];
  const upserted: Row[] = [];
  for (const { before, after } of changes) {
    if (before === 'unknown') {
      inserted.push(...(rows(after) as Row[]));
      continue;
    }
    const diff = diffRows(before === 'none' ? [] : rows(before), rows(after), key);
    removed.push(...diff.removed);
    upserted.push(...diff.written);
  }
  return { removed, inserted, upserted };
}

/** The rows of `before` missing from `after` (by key), and the rows of `after` new or different. */
export function diffRows(
  before: readonly object[],
  after: readonly object[],
  key: readonly string[],
): { removed: Row[]; written: Row[] } {
  const keyOf = (row: Row) => key.map((k) => String(row[k])).join('\u0000');
  const old = new Map((before as readonly Row[]).map((row) => [keyOf(row), row]));
  const written: Row[] = [];
  for (const row of after as readonly Row[]) {
    const was = old.get(keyOf(row));
    old.delete(keyOf(row));
    if (!was || !sameRow(was, row)) written.push(row);
  }
  return { removed: [...old.values()], written };
}

/** Rows are plain JSON-like values: scalars, and arrays or objects of them (compared as text). */
function sameRow(a: Row, b: Row): boolean {
  for (const column of Object.keys(b)) {
    const x = a[column];
    const y = b[column];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

function setClause(row: Row, key: readonly string[]): string {
  return Object.keys(row)
    .filter((column) => !key.includes(column))
    .map((column) => `"${column}" = excluded."${column}"`)
    .join(', ');
}

async function inChunks(rows: readonly Row[], write: (chunk: readonly Row[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += 2_000) await write(rows.slice(start, start + 2_000));
}
