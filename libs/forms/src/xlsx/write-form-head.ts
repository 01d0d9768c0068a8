import { fenToYuanOrNull } from '@app/declarations/domain';
import { FORM_TITLE, type FormSheet } from './form-sheet.js';
import type { SheetPen } from './sheet-pen.js';

/** The rows above the indicator table's header, which starts on this row. */
export const TABLE_HEADER_ROW = 12;

/**
 * Everything above the indicator table, as the official 申报表 prints it (the form's cells on A:F,
 * the right-hand ones reaching the last column `last`): title and year, the header block, the
 * funds block, the goals.
 */
export function writeFormHead(pen: SheetPen, form: FormSheet, last: number): void {
  writeTitle(pen, form, last);
  writeProject(pen, form, last);
  writeFunds(pen, form.funds, last);
  writeGoals(pen, form, last);
}

/** The year centred under the title; a mark sits on its right, and the year moves over to make room. */
function writeTitle(pen: SheetPen, form: FormSheet, last: number): void {
  pen.put(1, [1, last], FORM_TITLE, 'title');
  const year = `(${form.year}年度)`;
  if (!form.mark) {
    pen.put(2, [1, last], year, 'subtitle');
    return;
  }
  // C to the third-last column: on the official A:G that is C:E, centred 54 of 113 characters from
  // the left edge, near enough the page's middle (56.5) and leaving F:G to the mark.
  pen.put(2, [3, last - 2], year, 'subtitle');
  pen.put(2, [last - 1, last], form.mark, 'mark');
}

function writeProject(pen: SheetPen, form: FormSheet, last: number): void {
  const pairs: readonly [number, string, string | null, string, string | null][] = [
    [3, '项目名称', form.projectName, '项目性质', form.nature],
    [4, '主管部门', form.department, '实施单位', form.implementingUnit],
    [5, '计划开始日期', form.plannedStart, '计划完成日期', form.plannedEnd],
  ];
  for (const [row, leftLabel, left, rightLabel, right] of pairs) {
    pen.put(row, [1, 1], leftLabel, 'label');
    pen.put(row, [2, 3], left, 'text');
    pen.put(row, [4, 4], rightLabel, 'label');
    pen.put(row, [5, row === 3 ? 5 : last], right, 'text');
  }
  pen.put(3, [6, 6], '项目类别', 'label');
  pen.put(3, [7, last], form.category, 'text');
}

/**
 * As printed: the multi-year total on the left with its own 其中 lines (财政资金 over the two
 * fiscal rows, 其他资金), the annual request on the right with its three parts. Only the total of
 * the left side is kept (`projectTotal`); its parts print empty, as on the 2025 forms.
 */
function writeFunds(pen: SheetPen, funds: FormSheet['funds'], last: number): void {
  pen.put(6, [1, 1], '项目资金（元）', 'label', 3);
  pen.put(6, [2, 2], '项目资金总额：', 'label');
  pen.put(6, [3, 3], fenToYuanOrNull(funds.projectTotal), 'amount');
  pen.put(7, [2, 2], '其中：财政资金', 'label', 1);
  pen.put(7, [3, 3], null, 'amount', 1);
  pen.put(9, [2, 2], '其他资金', 'label');
  pen.put(9, [3, 3], null, 'amount');
  const annual: readonly [string, number | null][] = [
    ['年度资金申请总额：', funds.annualTotal],
    ['其中：当年财政拨款', funds.currentYearAppropriation],
    ['上年结转资金', funds.carryOver],
    ['其他资金', funds.otherFunds],
  ];
  annual.forEach(([label, fen], at) => {
    pen.put(6 + at, [4, 4], label, 'label');
    pen.put(6 + at, [5, last], fenToYuanOrNull(fen), 'amount');
  });
}

/** As printed: the two labels on one row, each goal's text in the row under its label. */
function writeGoals(pen: SheetPen, form: FormSheet, last: number): void {
  pen.put(10, [1, 1], '项目绩效目标', 'label', 1);
  pen.put(10, [2, 3], '项目总目标', 'label');
  pen.put(10, [4, last], '年度总体目标', 'label');
  pen.put(11, [2, 3], form.overallGoal, 'text');
  pen.put(11, [4, last], form.annualGoal, 'text');
}
