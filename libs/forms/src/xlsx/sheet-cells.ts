import type { CellValue, Worksheet } from 'exceljs';
import { cleanText } from '../text-cells.js';

/** A non-empty cell of a row: its column (1-based) and its cleaned text. */
export interface SheetCell {
  column: number;
  text: string;
}

/**
 * A cell's value as cleaned text, the way the text reader cleans an exported cell. A number is
 * written in its shortest decimal form: an amount written as fen / 100 reads back as exactly the
 * yuan it was (381419.84), while a hand-typed 1.005 stays 1.005 and gets a finding.
 */
export function textOf(value: CellValue): string {
  return cleanText(rawText(value));
}

function rawText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Excel keeps dates as days; exceljs hands them over as UTC midnight.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map(({ text }) => text).join('');
  if ('hyperlink' in value) return rawText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return rawText(value.result ?? null);
  return ''; // an error value (#N/A, #REF!) says nothing
}

/**
 * The row's non-empty cells in column order, each merged range once, at its top-left cell (exceljs
 * repeats a merged range's value in every cell it covers).
 */
export function rowCells(sheet: Worksheet, row: number): SheetCell[] {
  const cells: SheetCell[] = [];
  sheet.getRow(row).eachCell((cell, column) => {
    if (cell.isMerged && cell.master.address !== cell.address) return;
    const text = textOf(cell.value);
    if (text !== '') cells.push({ column, text });
  });
  return cells;
}

/** A cell's text, read through a merged range: a merged level-1 cell counts for every row it spans. */
export function textAt(sheet: Worksheet, row: number, column: number): string {
  return textOf(sheet.getCell(row, column).value);
}
