/** One event of the exported trail. `data` and `metadata` are the stored jsonb text, verbatim. */
export interface TrailRow {
  position: string;
  recordedAt: string;
  streamId: string;
  version: number;
  type: string;
  actorId: string | null;
  role: string | null;
  unit: string | null;
  correlationId: string | null;
  commandId: string | null;
  /** Commit order is (transactionId, position): the order of the checkpoints' Merkle tree. */
  transactionId: string;
  /** The key that proved the event, and its proof (HMAC; null: appended without proof). */
  keyId: string | null;
  proof: string | null;
  data: string;
  metadata: string;
  hash: string;
  previousHash: string | null;
}

export type TrailFormat = 'jsonl' | 'csv';

export const TRAIL_COLUMNS = [
  'position',
  'recordedAt',
  'streamId',
  'version',
  'type',
  'actorId',
  'role',
  'unit',
  'correlationId',
  'commandId',
  'data',
  'metadata',
  'hash',
  'previousHash',
  'transactionId',
  'keyId',
  'proof',
] as const satisfies readonly (keyof TrailRow)[];

export const TRAIL_MEDIA: Record<TrailFormat, { contentType: string; extension: string }> = {
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
};

/** What opens the file: a BOM (Excel reads UTF-8 only with one) and the header row for CSV. */
export function trailPreamble(format: TrailFormat): string {
  return format === 'csv' ? `\uFEFF${TRAIL_COLUMNS.join(',')}\r\n` : '';
}

export function trailLine(format: TrailFormat, row: TrailRow): string {
  return format === 'csv' ? csvLine(row) : jsonLine(row);
}

/**
 * One JSON object per line. data and metadata are spliced in as stored: jsonb text is valid
 * JSON with no raw newline, and re-serialising it would change the bytes the hash covers.
 */
export function jsonLine(row: TrailRow): string {
  const { data, metadata, hash, previousHash, ...head } = row;
  const prefix = JSON.stringify(head).slice(0, -1);
  return `${prefix},"data":${data},"metadata":${metadata},"hash":${JSON.stringify(hash)},"previousHash":${JSON.stringify(previousHash)}}\n`;
}

/** RFC 4180: CRLF rows, fields quoted when they hold a comma, quote or line break. */
export function csvLine(row: TrailRow): string {
  return `${TRAIL_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
}

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // Excel runs a cell starting with = + - @ as a formula; a leading quote keeps it text (OWASP).
  // Only the short metadata columns can start so: data and metadata always start with `{`.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
