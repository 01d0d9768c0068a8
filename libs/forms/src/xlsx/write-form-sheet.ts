import type { Worksheet } from 'exceljs';
import { fenToYuanOrNull } from '@app/declarations/domain';
import { FORM_TITLE, type FormSheet, type FormSheetIndicator } from './form-sheet.js';
import { SheetPen } from './sheet-pen.js';

// Columns A..G, in Excel's character widths. The indicator name spans D:F, the widest cell.
const WIDTHS = [14, 13, 18, 20, 16, 10, 22] as const;
const LAST_COLUMN = WIDTHS.length;
const A4 = 9;

/** Lays one declaration out on an empty worksheet as the printed 申报表, top to bottom. */
export function writeFormSheet(sheet: Worksheet, form: FormSheet): void {
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const pen = new SheetPen(sheet, WIDTHS);
  pen.put(1, [1, LAST_COLUMN], FORM_TITLE, 'title');
  pen.put(2, [1, LAST_COLUMN], `(${form.year}年度)`, 'subtitle');
  writeProject(pen, form);
  writeFunds(pen, form.funds);
  writeGoals(pen, form);
  const header = 12;
  const last = writeIndicators(pen, header, form.indicators);
  pen.finish(3, last);
  setUpPrinting(sheet, header, last);
}

function writeProject(pen: SheetPen, form: FormSheet): void {
  const pairs: readonly [number, string, string | null, string, string | null][] = [
    [3, '项目名称', form.projectName, '项目性质', form.nature],
    [4, '主管部门', form.department, '实施单位', form.implementingUnit],
    [5, '计划开始日期', form.plannedStart, '计划完成日期', form.plannedEnd],
  ];
  for (const [row, leftLabel, left, rightLabel, right] of pairs) {
    pen.put(row, [1, 1], leftLabel, 'label');
    pen.put(row, [2, 3], left, 'text');
    pen.put(row, [4, 4], rightLabel, 'label');
    pen.put(row, [5, row === 3 ? 5 : LAST_COLUMN], right, 'text');
  }
  pen.put(3, [6, 6], '项目类别', 'label');
  pen.put(3, [7, 7], form.category, 'text');
}

function writeFunds(pen: SheetPen, funds: FormSheet['funds']): void {
  pen.put(6, [1, 1], '项目资金（元）', 'label', 3);
  pen.put(6, [2, 2], '项目资金总额', 'label');
  pen.put(6, [3, 3], fenToYuanOrNull(funds.projectTotal), 'amount');
  pen.put(7, [2, 3], null, 'text', 2);
  const annual: readonly [string, number | null][] = [
    ['年度资金申请总额', funds.annualTotal],
    ['其中：当年财政拨款', funds.currentYearAppropriation],
    ['上年结转资金', funds.carryOver],
    ['其他资金', funds.otherFunds],
  ];
  annual.forEach(([label, fen], at) => {
    pen.put(6 + at, [4, 4], label, 'label');
    pen.put(6 + at, [5, LAST_COLUMN], fenToYuanOrNull(fen), 'amount');
  });
}

/** As printed: the two labels on one row, each goal's text in the row under its label. */
function writeGoals(pen: SheetPen, form: FormSheet): void {
  pen.put(10, [1, 1], '项目绩效目标', 'label', 1);
  pen.put(10, [2, 3], '项目总目标', 'label');
  pen.put(10, [4, LAST_COLUMN], '年度总体目标', 'label');
  pen.put(11, [2, 3], form.overallGoal, 'text');
  pen.put(11, [4, LAST_COLUMN], form.annualGoal, 'text');
}

/** The table; level-1 and level-2 cells merged down over their runs of rows. Returns the last row. */
function writeIndicators(pen: SheetPen, header: number, indicators: readonly FormSheetIndicator[]): number {
  const headings: readonly [readonly [number, number], string][] = [
    [[2, 2], '一级指标'],
    [[3, 3], '二级指标'],
    [[4, 6], '三级指标'],
    [[7, 7], '年度(/项目)指标值'],
  ];
  pen.put(header, [1, 1], '绩效指标', 'label', indicators.length);
  for (const [columns, heading] of headings) pen.put(header, columns, heading, 'label');
  indicators.forEach(({ name, target }, at) => {
    pen.put(header + 1 + at, [4, 6], name, 'text');
    pen.put(header + 1 + at, [7, 7], target, 'text');
  });
  const mergeRuns = (column: number, key: (row: FormSheetIndicator) => string, label: Label) => {
    for (const { start, length } of runsOf(indicators.map(key))) {
      pen.put(header + 1 + start, [column, column], label(indicators[start]!), 'level', length - 1);
    }
  };
  mergeRuns(
    2,
    ({ level1 }) => level1,
    ({ level1 }) => level1,
  );
  // Keyed by both levels: a level-2 run never crosses into the next level 1.
  mergeRuns(
    3,
    ({ level1, level2 }) => `${level1}\u0000${level2}`,
    ({ level2 }) => level2,
  );
  return header + indicators.length;
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

function setUpPrinting(sheet: Worksheet, header: number, last: number): void {
  Object.assign(sheet.pageSetup, {
    paperSize: A4,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as the table needs
    horizontalCentered: true,
    printArea: `A1:G${last}`,
    // The print title: a long table repeats its column heads on every page.
    printTitlesRow: `${header}:${header}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  });
  sheet.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
}
