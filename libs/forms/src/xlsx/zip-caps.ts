import { inflateRawSync } from 'node:zlib';
import { say } from '@app/platform/messages';
import { type FormFileCaps, overCap } from '../form-file-caps.js';
import { FormFileError } from '../form-file-error.js';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/u;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/**
 * Looks inside an .xlsx before anything parses it, and throws FormFileError at the first cap it
 * is over: the parts' declared sizes (from the zip's directory, before inflating anything), then
 * each part inflated with what is left of the budget as its ceiling, so inflating stops at the
 * cap whatever the directory claims; the number of parts and of worksheets; and each worksheet's
 * rows and merged ranges (a row numbered 1,000,000 would make the sheet reader walk a million rows).
 * Throws FORM_FILE_NOT_XLSX when the zip cannot be read.
 */
export function assertXlsxWithinCaps(bytes: Buffer, caps: FormFileCaps): void {
  const entries = directoryOf(bytes);
  if (entries.length > caps.zipEntries) {
    throw overCap(caps, 'zipEntries', 'file', say('formFile.zipEntries', { count: entries.length }));
  }
  const sheets = entries.filter(({ name }) => WORKSHEET.test(name));
  if (sheets.length > caps.sheets) {
    throw overCap(caps, 'sheets', 'file', say('formFile.sheets', { count: sheets.length }));
  }
  const declared = entries.reduce((sum, { declaredSize }) => sum + declaredSize, 0);
  if (declared > caps.inflatedBytes) {
    throw overCap(caps, 'inflatedBytes', 'file', say('formFile.declaredSize', { size: megabytes(declared) }));
  }
  let left = caps.inflatedBytes;
  for (const entry of entries) {
    const content = inflate(bytes, entry, left, caps);
    left -= content.length;
    if (WORKSHEET.test(entry.name)) assertSheetRows(content.toString('utf8'), entry.name, sheets.indexOf(entry), caps);
  }
}

function directoryOf(bytes: Buffer): Entry[] {
  const end = endOfDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) throw notXlsx();
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + skip;
  }
  return entries;
}

/** The end-of-directory record: within the last 64 KB + 22 bytes (its comment is at most 64 KB). */
function endOfDirectory(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw notXlsx();
}

function inflate(bytes: Buffer, entry: Entry, left: number, caps: FormFileCaps): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw notXlsx();
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === STORED) {
    if (data.length > left) throw overInflated(caps);
    return data;
  }
  if (entry.method !== DEFLATED) throw notXlsx();
  try {
    // maxOutputLength stops zlib as soon as the output passes it: a bomb is never inflated whole.
    return inflateRawSync(data, { maxOutputLength: Math.max(left, 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overInflated(caps);
    throw notXlsx();
  }
}

const ROW = /<(?:\w+:)?row\b([^>]*)>/gu;
const ROW_NUMBER = /\sr="(\d+)"/u;
const MERGED = /<(?:\w+:)?mergeCell\b[^>]*\sref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"/gu;

/** A worksheet's rows, counted and as numbered, and the last row its merged ranges reach. */
function assertSheetRows(xml: string, name: string, sheet: number, caps: FormFileCaps): void {
  let rows = 0;
  let last = 0;
  for (const [, attributes] of xml.matchAll(ROW)) {
    rows += 1;
    last = Math.max(last, Number(ROW_NUMBER.exec(attributes ?? '')?.[1] ?? rows));
    if (rows > caps.rowsPerSheet || last > caps.rowsPerSheet) break;
  }
  for (const [, top, bottom] of xml.matchAll(MERGED)) last = Math.max(last, Number(bottom ?? top));
  if (rows > caps.rowsPerSheet || last > caps.rowsPerSheet) {
    const found =
      rows > caps.rowsPerSheet
        ? say('formFile.sheetRows', { sheet: sheet + 1, name, maximum: caps.rowsPerSheet })
        : say('formFile.sheetRowReached', { sheet: sheet + 1, name, row: last });
    throw overCap(caps, 'rowsPerSheet', `sheets[${sheet}]`, found);
  }
}

function overInflated(caps: FormFileCaps): FormFileError {
  return overCap(caps, 'inflatedBytes', 'file', say('formFile.inflatedSize', { size: megabytes(caps.inflatedBytes) }));
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function notXlsx(): FormFileError {
  return new FormFileError('FORM_FILE_NOT_XLSX', say('formFile.unopenable'));
}
