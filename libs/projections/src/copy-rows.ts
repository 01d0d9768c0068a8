import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';

/** A column as COPY's text format takes it: json(b) as JSON text, an array as an array literal. */
export interface CopyColumn {
  name: string;
  kind: 'json' | 'array' | 'scalar';
}

/** The columns of `table` in their order, for `copyRows`. */
export async function copyColumns(db: QueryRunner, table: string): Promise<CopyColumn[]> {
  const rows = (await db.query(
    `SELECT a.attname AS name, t.typname AS type, t.typcategory AS category
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [table],
  )) as { name: string; type: string; category: string }[];
  return rows.map(({ name, type, category }) => ({
    name,
    kind: type === 'json' || type === 'jsonb' ? 'json' : category === 'A' ? 'array' : 'scalar',
  }));
}

/**
 * `COPY table FROM STDIN` of plain objects keyed by column name (a missing key is NULL), in `db`'s
 * connection and transaction. The values are read as `json_populate_recordset` reads the same
 * objects as JSON, so either way writes the same rows. A row PostgreSQL refuses fails the whole COPY.
 */
export async function copyRows(
  db: QueryRunner,
  table: string,
  columns: readonly CopyColumn[],
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const client = (await db.connect()) as PoolClient;
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const stream = client.query(copyFrom(`COPY ${table} (${names}) FROM STDIN`));
  const done = finished(stream);
  stream.end(copyText(columns, rows));
  await done;
}

/** The rows in COPY's text format: tab between fields, a newline after each row, NULL as `\N`. */
export function copyText(columns: readonly CopyColumn[], rows: readonly object[]): string {
  let text = '';
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) {
      const { name, kind } = columns[i]!;
      if (i > 0) text += '\t';
      const value = fieldText(values[name], kind);
      text += value === null ? '\\N' : escaped(value);
    }
    text += '\n';
  }
  return text;
}

/** A value's text before escaping, or null for NULL: what `json_populate_recordset` makes of it. */
function fieldText(value: unknown, kind: CopyColumn['kind']): string | null {
  if (value === null || value === undefined) return null;
  if (kind === 'json') {
    const json = JSON.stringify(value);
    // A JSON null is SQL NULL there too (and so is what JSON.stringify turns into null: NaN).
    return json === 'null' ? null : json;
  }
  if (kind === 'array' && Array.isArray(value)) return arrayLiteral(value);
  return scalarText(value);
}

function scalarText(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : null;
    case 'boolean':
      return String(value);
    default:
      // An object or array in a scalar column is its JSON text, as json_populate_recordset gives it.
      return JSON.stringify(value);
  }
}

/** `{"a","b\"c",NULL}`: every element quoted, so none is mistaken for NULL or splits on a comma. */
function arrayLiteral(values: readonly unknown[]): string {
  const elements = values.map((v) => {
    const text = v === null || v === undefined ? null : scalarText(v);
    return text === null ? 'NULL' : `"${text.replace(/["\\]/g, '\\$&')}"`;
  });
  return `{${elements.join(',')}}`;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Backslash, tab, newline and carriage return escaped; everything else (emoji, 中文) as it is. */
function escaped(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}
