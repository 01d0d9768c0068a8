import { beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { LEVEL1, TAXONOMY, type Status } from '@app/declarations/domain';
import { songjiangForms } from '../forms.fixtures.js';
import type { ParsedForm } from '../parsed-form.js';
import { readFormsText } from '../read-forms.js';
import { formMarkOf } from './form-mark.js';
import { workbookOf } from './workbook.js';

const forms = readFormsText(songjiangForms());

// Where a row ranks in DOMAIN.md's table; a label outside it after the known ones.
function rankOf({ level1, level2 }: { level1: string; level2: string }): [number, number] {
  const first = (LEVEL1 as readonly string[]).indexOf(level1);
  if (first === -1) return [LEVEL1.length, 0];
  const second = TAXONOMY[LEVEL1[first]!].indexOf(level2);
  return [first, second === -1 ? 99 : second];
}
const inOrder = (rows: readonly { level1: string; level2: string }[]) =>
  rows
    .map(rankOf)
    .every((rank, at, ranks) => at === 0 || ranks[at - 1]![0] * 100 + ranks[at - 1]![1] <= rank[0] * 100 + rank[1]);

/** The table as it came in, with its level-1 blocks turned upside down: 满意度 first, 成本 last. */
function upsideDown(form: ParsedForm): ParsedForm {
  const rank = (level1: string) => -(LEVEL1 as readonly string[]).indexOf(level1);
  const indicators = form.indicators
    .map((row, at) => ({ row, at }))
    .sort((a, b) => rank(a.row.level1) - rank(b.row.level1) || a.at - b.at)
    .map(({ row }) => row);
  return { ...form, indicators };
}

// Each form in one of the states a declaration can be printed in.
const STATES: readonly [Status, number][] = [
  ['draft', 1],
  ['departmental_review', 1],
  ['finance_confirmation', 1],
  ['confirmed', 1],
  ['draft', 2],
  ['bureau_signoff', 3],
  ['confirmed', 2],
];
const markOf = (index: number) => formMarkOf(...STATES[index % STATES.length]!);

/** The mark in F2:G2; an unmarked form has the year merged over the whole row instead. */
function printedMark(sheet: ExcelJS.Worksheet): ExcelJS.CellValue {
  const cell = sheet.getCell('F2');
  return cell.master.address === 'F2' ? cell.value : null;
}

describe('printing the 33 real forms, one sheet each', () => {
  let sheets: ExcelJS.Worksheet[];

  beforeAll(async () => {
    const printed = forms.map((form, at) => ({ ...upsideDown(form), mark: markOf(at) }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await workbookOf(printed)) as unknown as ArrayBuffer);
    sheets = workbook.worksheets;
  });

  it('has the real forms in the taxonomy’s order to begin with, so the printout must give them back', () => {
    expect(forms).toHaveLength(33);
    expect(forms.filter(({ indicators }) => !inOrder(indicators)).map(({ index }) => index)).toEqual([]);
    const turned = forms.filter((form) => upsideDown(form).indicators.some((row, at) => row !== form.indicators[at]));
    expect(turned.length).toBeGreaterThan(30); // all but forms with a single level 1
  });

  it.each(forms.map((form) => [form.index, form.projectName, form] as const))(
    'form %i (%s): the indicators in the taxonomy’s order, the funds labelled, the mark',
    (index, _, form) => {
      const sheet = sheets[index - 1]!;
      const at = (address: string) => sheet.getCell(address).value;
      const rows = form.indicators.map((_, row) => [13 + row, ['B', 'C', 'D', 'G']] as const);
      const printed = rows.map(([row, columns]) => columns.map((column) => at(`${column}${row}`) ?? null));
      expect(printed).toEqual(
        form.indicators.map(({ level1, level2, name, target }) => [level1, level2, name, target]),
      );
      expect(at(`D${13 + form.indicators.length}`)).toBeNull();

      expect([6, 7, 8, 9].map((row) => at(`B${row}`))).toEqual([
        '项目资金总额：',
        '其中：财政资金',
        '其中：财政资金',
        '其他资金',
      ]);
      expect([6, 7, 8, 9].map((row) => at(`D${row}`))).toEqual([
        '年度资金申请总额：',
        '其中：当年财政拨款',
        '上年结转资金',
        '其他资金',
      ]);

      const mark = markOf(index - 1);
      expect([at(mark === null ? 'A2' : 'C2'), printedMark(sheet)]).toEqual(['(2025年度)', mark]);
    },
  );

  it('marks drafts, forms under review and amendments, and leaves confirmed forms unmarked', () => {
    const marks = sheets.map(printedMark);
    expect(new Set(marks)).toEqual(new Set(['草稿', '审核中', null, '第1次调整（草稿）', '第2次调整（审核中）']));
  });
});
