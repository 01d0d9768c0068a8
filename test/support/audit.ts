import { createHash } from 'node:crypto';
import request from 'supertest';
import { bearer } from './auth.js';

export type Row = Record<string, string>;

/** One exported JSON line, as far as these tests look into it. */
export interface TrailLine {
  position: string;
  recordedAt: string;
  streamId: string;
  data: { n?: number } & Record<string, unknown>;
  [field: string]: unknown;
}

/** Reads the whole body as text, whatever the content type. */
export async function download(app: Parameters<typeof request>[0], token: string, path: string) {
  const response = await request(app)
    .get(path)
    .set(bearer(token))
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
  return { status: response.status, headers: response.headers, text: response.body as string };
}

/** A small RFC 4180 reader: quoted cells, doubled quotes, CRLF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  return rows;
}

/** The hash as es_event_hash computes it, from nothing but the exported cells. */
export const rehash = (r: Row) =>
  createHash('sha256')
    .update([r.previousHash, r.streamId, r.version, r.type, r.data, r.metadata, r.recordedAt].join('\n'), 'utf8')
    .digest('hex');
