import type { Worksheet } from 'exceljs';
import { say } from '@app/platform/messages';
import type { RowNote, TableRow } from '../indicator-table.js';
import { normaliseLabel } from '../text-cells.js';
import { rowCells, textAt } from './sheet-cells.js';

/** The row of the indicator table's column heads, and the column of each field. */
export interface TableHeader {
  row: number;
  columns: { level1: number; level2: number; name: number; target: number };
}

/** The first row from `from` on that heads the table: 一级指标, 二级指标, 三级指标 and the target after them. */
export function findTableHeader(sheet: Worksheet, from: number): TableHeader | undefined {
  for (let row = from; row <= sheet.rowCount; row += 1) {
    const cells = rowCells(sheet, row).map(({ column, text }) => ({ column, label: normaliseLabel(text) }));
    const columnOf = (label: string) => cells.find((cell) => cell.label === label)?.column;
    const [level1, level2, name] = ['一级指标', '二级指标', '三级指标'].map(columnOf);
    if (level1 === undefined || level2 === undefined || name === undefined) continue;
    const target = (cells.find(({ label }) => label.includes('指标值')) ?? cells.find(({ column }) => column > name))
      ?.column;
    if (target !== undefined) return { row, columns: { level1, level2, name, target } };
  }
  return undefined;
}

/**
 * The rows under the header, read by column. A merged level-1 or level-2 cell reads the same in
 * every row it spans; an empty one (a hand edit that unmerged it) continues the label above, as
 * the merged cell meant. Rows with neither name nor target (blank lines, a repeated header) only
 * move the labels on. A row past `max` throws what `overMax` gives, at once.
 */
export function readTableRows(
  sheet: Worksheet,
  { row: header, columns }: TableHeader,
  max = Number.POSITIVE_INFINITY,
  overMax: () => Error = () => new RangeError(`more than ${max} indicator rows`),
): TableRow[] {
  const rows: TableRow[] = [];
  const carried = { level1: '', level2: '' };
  for (let row = header + 1; row <= sheet.rowCount; row += 1) {
    const [level1, level2, name, target] = [columns.level1, columns.level2, columns.name, columns.target].map(
      (column) => textAt(sheet, row, column),
    ) as [string, string, string, string];
    if (normaliseLabel(level1) === '一级指标') continue;
    carryLabels(carried, level1, level2);
    if (name === '' && target === '') continue;
    if (rows.length === max) throw overMax();
    rows.push({ ...carried, name, target: target === '' ? null : target, notes: labelNotes(carried) });
  }
  return rows;
}

/** As the text reader does: a new level 1 printed without its level 2 leaves the level 2 unknown. */
function carryLabels(carried: { level1: string; level2: string }, level1: string, level2: string): void {
  if (level1 !== '') {
    if (level1 !== carried.level1 && level2 === '') carried.level2 = '';
    carried.level1 = level1;
  }
  if (level2 !== '') carried.level2 = level2;
}

// The same note, in the same words, as the text reader gives a row without labels.
function labelNotes({ level1, level2 }: { level1: string; level2: string }): RowNote[] {
  if (level1 !== '' && level2 !== '') return [];
  const field = level1 === '' ? 'level1' : 'level2';
  const message = say('finding.INDICATOR_LABEL_MISSING', { label: say(`formField.${field}`) });
  return [{ code: 'INDICATOR_LABEL_MISSING', severity: 'blocking', field, message }];
}
