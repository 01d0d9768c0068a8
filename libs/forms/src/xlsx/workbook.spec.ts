import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { songjiangForms } from '../forms.fixtures.js';
import { readFormsText } from '../read-forms.js';
import { linesOf } from './sheet-pen.js';
import { sheetNames, workbookOf } from './workbook.js';
import { runsOf } from './write-form-sheet.js';

const forms = readFormsText(songjiangForms());

async function sheetOf(index: number): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await workbookOf([forms[index - 1]!])) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

const mergesOf = (sheet: ExcelJS.Worksheet): string[] => (sheet.model as { merges: string[] }).merges;

describe('the official layout of a form', () => {
  it('heads the sheet with the title and the year, merged across the form', async () => {
    const sheet = await sheetOf(1);
    expect(sheet.getCell('A1').value).toBe('财政项目支出绩效目标申报表');
    expect(sheet.getCell('A2').value).toBe('(2025年度)');
    expect(mergesOf(sheet)).toEqual(expect.arrayContaining(['A1:G1', 'A2:G2']));
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 18 });
  });

  it('lays out the header block, the funds and the goals as the printed form does', async () => {
    const sheet = await sheetOf(1);
    const at = (address: string) => sheet.getCell(address).value;
    expect([at('A3'), at('B3'), at('D3'), at('E3'), at('F3'), at('G3')]).toEqual([
      '项目名称',
      '网络信息系统运行与维护',
      '项目性质',
      '其他经常性项目',
      '项目类别',
      '其他运转类',
    ]);
    expect([at('A4'), at('D4'), at('E4')]).toEqual([
      '主管部门',
      '实施单位',
      '上海市松江区人力资源和社会保障局（本级）',
    ]);
    expect([at('A5'), at('B5'), at('D5'), at('E5')]).toEqual([
      '计划开始日期',
      '2025-01-01',
      '计划完成日期',
      '2025-12-31',
    ]);
    expect([at('A6'), at('B6'), at('D6'), at('D7'), at('D8'), at('D9')]).toEqual([
      '项目资金（元）',
      '项目资金总额：',
      '年度资金申请总额：',
      '其中：当年财政拨款',
      '上年结转资金',
      '其他资金',
    ]);
    expect([at('A10'), at('B10'), at('D10'), at('D11')]).toEqual([
      '项目绩效目标',
      '项目总目标',
      '年度总体目标',
      forms[0]!.annualGoal,
    ]);
    expect(mergesOf(sheet)).toEqual(expect.arrayContaining(['B3:C3', 'E4:G4', 'A6:A9', 'A10:A11', 'D11:G11']));
  });

  it('writes amounts as numbers in yuan with two decimals, and leaves an empty amount empty', async () => {
    const sheet = await sheetOf(22);
    expect([6, 7, 8, 9].map((row) => sheet.getCell(row, 5).value)).toEqual([9193400.7, 9068300, 125100.7, null]);
    expect(sheet.getCell('E6').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('C6').value).toBeNull();
  });

  it('merges each level 1 and each level 2 over its rows', async () => {
    const sheet = await sheetOf(1);
    expect(sheet.getCell('A12').value).toBe('绩效指标');
    expect(['B12', 'C12', 'D12', 'G12'].map((address) => sheet.getCell(address).value)).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '年度(/项目)指标值',
    ]);
    const table = mergesOf(sheet).filter((range) => Number(/\d+/u.exec(range)![0]) >= 12 && /^[ABC]/u.test(range));
    expect(table.sort()).toEqual(['A12:A22', 'B13:B15', 'B16:B20', 'C13:C15', 'C16:C18'].sort());
    expect(sheet.getCell('D13').value).toBe('局WIFI无线覆盖信息系统建设(运维)人均运维成本');
    expect(sheet.getCell('G13').value).toBe('≤116.00(元/人/年)');
  });

  it('ends a level-2 run where its level 1 ends, even under the same label (form 18, as printed)', async () => {
    const labels = forms[17]!.indicators.map(({ level1, level2 }) => `${level1}/${level2}`);
    expect(labels.slice(7, 10)).toEqual(['产出指标/时效指标', '产出指标/社会效益指标', '效益指标/社会效益指标']);
    const sheet = await sheetOf(18);
    expect(mergesOf(sheet)).not.toContainEqual(expect.stringMatching(/^C21:/u));
  });

  it('wraps text, sizes columns and rows to be read, and prints on A4 one page wide', async () => {
    const sheet = await sheetOf(1);
    expect(sheet.columns.map(({ width }) => width)).toEqual([14, 13, 18, 20, 16, 10, 22]);
    expect(sheet.getCell('D11').alignment).toMatchObject({ wrapText: true });
    expect(sheet.getRow(11).height).toBeGreaterThanOrEqual(2 * 15); // the annual goal wraps onto two lines
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: 'A1:G22',
      printTitlesRow: '12:12',
    });
  });

  it('refuses to write a workbook without a form, which Excel could not open', async () => {
    await expect(workbookOf([])).rejects.toThrow(RangeError);
  });
});

describe('sheet names', () => {
  it('keeps them unique regardless of case, within 31 characters, without []:*?/\\', () => {
    const long = '上海市松江区人力资源和社会保障局网络信息系统运行与维护项目第二期工程';
    expect(sheetNames(['业务培训', '业务培训', 'a/b:c', 'Report', 'REPORT', long, long, '', 'History'])).toEqual([
      '业务培训',
      '业务培训(2)',
      'a_b_c',
      'Report',
      'REPORT(2)',
      long.slice(0, 31),
      `${long.slice(0, 28)}(2)`,
      '申报表8',
      'History(2)',
    ]);
  });
});

describe('layout helpers', () => {
  it('finds runs of equal neighbours', () => {
    expect(runsOf(['a', 'a', 'b', 'a'])).toEqual([
      { start: 0, length: 2 },
      { start: 2, length: 1 },
      { start: 3, length: 1 },
    ]);
    expect(runsOf([])).toEqual([]);
  });

  it('counts a Chinese character as two columns when wrapping', () => {
    expect(linesOf('abcd', 10)).toBe(1);
    expect(linesOf('一二三四五', 10)).toBe(2);
    expect(linesOf('一\n二', 10)).toBe(2);
  });
});

describe('the 审核意见 column, when asked for', () => {
  it('prints each row’s opinion after the target, and nothing of it otherwise', async () => {
    const form = forms[0]!;
    const withOpinion = {
      ...form,
      indicators: form.indicators.map((row, at) => ({
        ...row,
        opinion: at === 0 ? '主管部门审核（王）：依据不足' : null,
      })),
    };
    const load = async (bytes: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      return workbook.worksheets[0]!;
    };
    const sheet = await load(await workbookOf([withOpinion], { opinions: true }));
    expect([sheet.getCell('G12').value, sheet.getCell('H12').value]).toEqual(['年度(/项目)指标值', '审核意见']);
    expect(sheet.getCell('H13').value).toBe('主管部门审核（王）：依据不足');
    expect(sheet.pageSetup.printArea).toMatch(/^A1:H\d+$/);
    const plain = await load(await workbookOf([withOpinion]));
    expect(plain.pageSetup.printArea).toMatch(/^A1:G\d+$/);
    expect(plain.getCell('H12').value).toBeNull();
  });
});
