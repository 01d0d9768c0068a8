import type { Worksheet } from 'exceljs';
import { inTaxonomyOrder, TAXONOMY, type Taxonomy } from '@app/declarations/domain';
import type { FormSheet, FormSheetIndicator } from './form-sheet.js';
import {
  LEVEL1_COLUMN,
  LEVEL2_COLUMN,
  layoutOf,
  OFFICIAL_COLUMNS,
  type RowColumn,
  type SheetLayout,
} from './sheet-layout.js';
import { SheetPen } from './sheet-pen.js';
import { TABLE_HEADER_ROW, writeFormHead } from './write-form-head.js';

const A4 = 9;

/** How to print a form. */
export interface SheetOptions {
  /** The form's year's taxonomy (its rule set's), which orders the indicator table; by default today's. */
  taxonomy?: Taxonomy;
  /** The indicator table's columns right of its labels; by default the official form's. */
  columns?: readonly RowColumn[];
}

/** Lays one declaration out on an empty worksheet as the printed 申报表, top to bottom. */
export function writeFormSheet(sheet: Worksheet, form: FormSheet, options: SheetOptions = {}): void {
  const layout = layoutOf(options.columns ?? OFFICIAL_COLUMNS);
  sheet.columns = layout.widths.map((width) => ({ width }));
  const pen = new SheetPen(sheet, layout.widths);
  writeFormHead(pen, form, layout.last);
  const rows = inTaxonomyOrder(form.indicators, options.taxonomy ?? TAXONOMY);
  const last = writeIndicators(pen, layout, rows);
  pen.finish(3, last);
  setUpPrinting(sheet, layout.last, last);
}

/** The table; level-1 and level-2 cells merged down over their runs of rows. Returns the last row. */
function writeIndicators(pen: SheetPen, layout: SheetLayout, rows: readonly FormSheetIndicator[]): number {
  const header = TABLE_HEADER_ROW;
  pen.put(header, [1, 1], '绩效指标', 'label', rows.length);
  pen.put(header, [LEVEL1_COLUMN, LEVEL1_COLUMN], '一级指标', 'label');
  pen.put(header, [LEVEL2_COLUMN, LEVEL2_COLUMN], '二级指标', 'label');
  for (const { column, span } of layout.columns) pen.put(header, span, column.heading, 'label');
  rows.forEach((row, at) => {
    for (const { column, span } of layout.columns) pen.put(header + 1 + at, span, column.value(row), 'text');
  });
  const mergeRuns = (column: number, key: (row: FormSheetIndicator) => string, label: Label) => {
    for (const { start, length } of runsOf(rows.map(key))) {
      pen.put(header + 1 + start, [column, column], label(rows[start]!), 'level', length - 1);
    }
  };
  mergeRuns(
    LEVEL1_COLUMN,
    ({ level1 }) => level1,
    ({ level1 }) => level1,
  );
  // Keyed by both levels: a level-2 run never crosses into the next level 1.
  mergeRuns(
    LEVEL2_COLUMN,
    ({ level1, level2 }) => `${level1}\u0000${level2}`,
    ({ level2 }) => level2,
  );
  return header + rows.length;
}

type Label = (row: FormSheetIndicator) => string;

/** Runs of equal neighbours: ['a', 'a', 'b'] → [{ start: 0, length: 2 }, { start: 2, length: 1 }]. */
export function runsOf(keys: readonly string[]): { start: number; length: number }[] {
  const runs: { start: number; length: number }[] = [];
  keys.forEach((key, at) => {
    const run = runs.at(-1);
    if (run && keys[run.start] === key) run.length += 1;
    else runs.push({ start: at, length: 1 });
  });
  return runs;
}

function setUpPrinting(sheet: Worksheet, lastColumn: number, lastRow: number): void {
  Object.assign(sheet.pageSetup, {
    paperSize: A4,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as the table needs
    horizontalCentered: true,
    printArea: `A1:${sheet.getColumn(lastColumn).letter}${lastRow}`,
    // The print title: a long table repeats its column heads on every page.
    printTitlesRow: `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  });
  // Numbered through the workbook: the PDF of a unit's forms reads 第 2 页，共 6 页 on its second page.
  sheet.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
}
