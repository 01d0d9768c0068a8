import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { songjiangForms } from '../forms.fixtures.js';
import { readFormsText } from '../read-forms.js';
import type { FormSheet } from './form-sheet.js';
import { readFormsXlsx } from './read-forms-xlsx.js';
import { layoutOf, OFFICIAL_COLUMNS, type RowColumn } from './sheet-layout.js';
import { writeFormSheet, type SheetOptions } from './write-form-sheet.js';

const forms = readFormsText(songjiangForms());
const form1 = forms[0]!;

/** The form written on a fresh sheet, and that sheet as a reader gets it back from the bytes. */
async function written(form: FormSheet, options: SheetOptions = {}) {
  const workbook = new ExcelJS.Workbook();
  writeFormSheet(workbook.addWorksheet('申报表'), form, options);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = loaded.worksheets[0]!;
  const at = (address: string) => sheet.getCell(address).value;
  const merges = (sheet.model as { merges: string[] }).merges;
  const table = (column: string) => form.indicators.map((_, row) => at(`${column}${13 + row}`));
  return { sheet, bytes, at, merges, table };
}

describe('the funds block, as the official form prints it', () => {
  it('labels the multi-year total’s own 其中 lines: 财政资金 over the two fiscal rows, and 其他资金', async () => {
    const { at, merges } = await written(form1);
    expect([at('B6'), at('B7'), at('B8'), at('B9')]).toEqual([
      '项目资金总额：',
      '其中：财政资金',
      '其中：财政资金',
      '其他资金',
    ]);
    expect([at('D6'), at('D7'), at('D8'), at('D9')]).toEqual([
      '年度资金申请总额：',
      '其中：当年财政拨款',
      '上年结转资金',
      '其他资金',
    ]);
    expect(merges).toEqual(expect.arrayContaining(['A6:A9', 'B7:B8', 'C7:C8', 'E6:G6', 'E9:G9']));
    expect([at('C7'), at('C9')]).toEqual([null, null]); // the parts of the multi-year total are not kept
  });
});

describe('the mark of a form that is not confirmed', () => {
  it('prints nothing beside the year of a confirmed form, centred as on the official form', async () => {
    for (const mark of [undefined, null]) {
      const { at, merges } = await written({ ...form1, mark });
      expect(at('A2')).toBe('(2025年度)');
      expect(merges).toContain('A2:G2');
    }
  });

  it('prints the mark right of the year, red and bold, the year kept near the middle', async () => {
    const { sheet, at, merges } = await written({ ...form1, mark: '第1次调整（审核中）' });
    expect([at('A2'), at('C2'), at('F2')]).toEqual([null, '(2025年度)', '第1次调整（审核中）']);
    expect(merges).toEqual(expect.arrayContaining(['C2:E2', 'F2:G2']));
    expect(sheet.getCell('F2').font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
  });

  it('is not read as part of the form: the reader gives back the same form', async () => {
    const { bytes } = await written({ ...form1, mark: '草稿' });
    const [read] = await readFormsXlsx(bytes);
    expect(read).toEqual({ ...form1, index: 1 });
  });
});

describe('the indicator table in the taxonomy’s order', () => {
  // Form 1 as if its cost indicators had been added last, under 满意度指标.
  const costLast = { ...form1, indicators: [...form1.indicators.slice(3), ...form1.indicators.slice(0, 3)] };

  it('prints an added 成本指标 first, and each level 2 in the taxonomy’s order', async () => {
    expect(costLast.indicators.at(-1)!.level1).toBe('成本指标');
    const { table, merges } = await written(costLast);
    expect(table('D')).toEqual(form1.indicators.map(({ name }) => name));
    expect(table('B')).toEqual(form1.indicators.map(({ level1 }) => level1));
    expect(merges).toEqual(expect.arrayContaining(['B13:B15', 'C13:C15', 'B16:B20']));
  });

  it('follows the taxonomy it is given (the year’s rule set)', async () => {
    const satisfactionFirst = { 满意度指标: ['服务对象满意度指标'], 成本指标: ['经济成本指标'] };
    const { table } = await written(costLast, { taxonomy: satisfactionFirst });
    expect(table('B').slice(0, 4)).toEqual(['满意度指标', '成本指标', '成本指标', '成本指标']);
    // 产出 and 效益 are unknown to that taxonomy: after the known ones, in the order given.
    expect(table('B').slice(4)).toEqual(['产出指标', '产出指标', '产出指标', '产出指标', '产出指标', '效益指标']);
  });
});

describe('a column more in the indicator table (as 审核意见 will be)', () => {
  const opinions: RowColumn = { heading: '审核意见', widths: [24], value: ({ name }) => `意见：${name}` };

  it('slots in after the target, and the head block’s right-hand cells reach it', async () => {
    const { sheet, at, merges } = await written(form1, { columns: [...OFFICIAL_COLUMNS, opinions] });
    expect([at('G12'), at('H12'), at('H13')]).toEqual([
      '年度(/项目)指标值',
      '审核意见',
      `意见：${form1.indicators[0]!.name}`,
    ]);
    expect(merges).toEqual(expect.arrayContaining(['A1:H1', 'A2:H2', 'E4:H4', 'G3:H3', 'E6:H6', 'D11:H11']));
    expect(sheet.columns.map(({ width }) => width)).toEqual([14, 13, 18, 20, 16, 10, 22, 24]);
    expect(sheet.pageSetup.printArea).toBe(`A1:H${12 + form1.indicators.length}`);
  });

  it('still reads back as the same form', async () => {
    const { bytes } = await written(form1, { columns: [...OFFICIAL_COLUMNS, opinions] });
    expect((await readFormsXlsx(bytes))[0]).toEqual({ ...form1, index: 1 });
  });

  it('needs the head block’s seven sheet columns', () => {
    expect(layoutOf().last).toBe(7);
    expect(() => layoutOf([{ heading: '三级指标', widths: [20], value: () => null }])).toThrow(RangeError);
  });
});
