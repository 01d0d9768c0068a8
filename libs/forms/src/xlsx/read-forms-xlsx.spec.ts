import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { FormFileError } from '../form-file-error.js';
import { songjiangForms } from '../forms.fixtures.js';
import { readFormsText } from '../read-forms.js';
import { readFormsXlsx } from './read-forms-xlsx.js';
import { workbookOf } from './workbook.js';

const forms = readFormsText(songjiangForms());
const [first, fifteenth, twentyNinth] = [forms[0]!, forms[14]!, forms[28]!];

async function failureOf(bytes: Buffer | Uint8Array): Promise<FormFileError> {
  try {
    await readFormsXlsx(bytes);
  } catch (error) {
    if (error instanceof FormFileError) return error;
    throw error;
  }
  throw new Error('expected a FormFileError');
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function edited(bytes: Buffer, edit: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(workbook);
  return bytesOf(workbook);
}

describe('reading a workbook of several forms', () => {
  it('reads one form per sheet, in sheet order, numbered from 1', async () => {
    const read = await readFormsXlsx(await workbookOf([fifteenth, first, twentyNinth]));
    expect(read.map(({ index, projectName }) => [index, projectName])).toEqual([
      [1, '就业补助(中央)'],
      [2, '网络信息系统运行与维护'],
      [3, '业务培训'],
    ]);
    expect(read[0]).toMatchObject({ overallGoal: fifteenth.overallGoal, funds: fifteenth.funds });
    expect(read[2]!.indicators[1]).toMatchObject({ name: '每场参加培训人数', target: null });
  });

  it('takes a Uint8Array as well as a Buffer', async () => {
    const bytes = await workbookOf([first]);
    expect(await readFormsXlsx(new Uint8Array(bytes))).toEqual(await readFormsXlsx(bytes));
  });

  it('passes over a sheet that is not a form, and numbers the forms among themselves', async () => {
    const bytes = await edited(await workbookOf([first, fifteenth]), (workbook) => {
      workbook.addWorksheet('说明').addRow(['本工作簿由系统导出']);
    });
    expect((await readFormsXlsx(bytes)).map(({ index }) => index)).toEqual([1, 2]);
  });
});

describe('files that are not a workbook of forms', () => {
  it.each([
    ['nothing', Buffer.alloc(0), 'FORM_FILE_EMPTY'],
    ['the text export', Buffer.from(songjiangForms()), 'FORM_FILE_NOT_XLSX'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'FORM_FILE_NOT_XLSX'],
  ])('refuses %s', async (_, bytes, code) => {
    expect(await failureOf(bytes)).toMatchObject({ code, formIndex: null });
  });

  it('tells an old .xls file to be saved as .xlsx', async () => {
    const error = await failureOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(error).toMatchObject({ code: 'FORM_FILE_NOT_XLSX' });
    expect(error.message).toContain('.xlsx');
  });

  it('refuses a damaged workbook without passing on the zip library’s words', async () => {
    const bytes = await workbookOf([first]);
    const error = await failureOf(bytes.subarray(0, bytes.length / 2));
    expect(error).toMatchObject({ code: 'FORM_FILE_NOT_XLSX' });
    expect(error.message).not.toMatch(/zip|central directory/iu);
  });

  it('refuses a workbook of something else', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('部门预算');
    sheet.addRows([
      ['项目名称', '金额'],
      ['办公费', 1000],
    ]);
    const error = await failureOf(await bytesOf(workbook));
    expect(error).toMatchObject({ code: 'FORM_FILE_NOT_A_FORM_WORKBOOK', formIndex: null });
    expect(error.message).toContain('财政项目支出绩效目标申报表');
  });

  it('names the sheet and the part a form sheet lacks', async () => {
    const bytes = await edited(await workbookOf([first, fifteenth]), (workbook) => {
      workbook.worksheets[1]!.getCell('B4').value = null; // 主管部门 stays, 实施单位 is at E4
      workbook.worksheets[1]!.getCell('E4').value = null;
    });
    const error = await failureOf(bytes);
    expect(error).toMatchObject({ code: 'FORM_FILE_SHEET_INCOMPLETE', formIndex: 2 });
    expect(error.message).toBe('工作表“就业补助(中央)”（第2张申报表）缺少实施单位');
  });
});

describe('a workbook edited by hand', () => {
  it('reads the same after unmerging the label cells, retyping amounts as text and adding empty rows', async () => {
    const bytes = await edited(await workbookOf([first]), (workbook) => {
      const sheet = workbook.worksheets[0]!;
      for (const range of ['B13:B15', 'C13:C15', 'B16:B20', 'C16:C18']) sheet.unMergeCells(range);
      sheet.getCell('E6').value = '381,419.84';
      sheet.getCell('B5').value = new Date(Date.UTC(2025, 0, 1)); // a date typed into the cell, as Excel keeps it
      sheet.getCell('B5').numFmt = 'yyyy/m/d';
      sheet.addRow([]);
      sheet.addRow([null, null, null, '   ']);
    });
    expect(await readFormsXlsx(bytes)).toEqual([first]);
  });

  it('reads a sheet typed from scratch: no merges, shifted columns, empty rows, text beside its label', async () => {
    // Each level 1 typed once, on its first row; each level 2 on every row.
    const typedTable = first.indicators.map(({ level1, level2, name, target }, at) => [
      null,
      null,
      at === 0 || first.indicators[at - 1]!.level1 !== level1 ? level1 : null,
      level2,
      name,
      target,
    ]);
    const workbook = new ExcelJS.Workbook();
    workbook
      .addWorksheet('手工')
      .addRows([
        [null, '财政项目支出绩效目标申报表'],
        [null, '（2025 年度）'],
        [],
        [null, '项目名称', '网络信息系统运行与维护', '项目性质', '其他经常性项目', '项目类别', '其他运转类'],
        [null, '主管部门', '上海市松江区人力资源和社会保障局', '实施单位', '上海市松江区人力资源和社会保障局（本级）'],
        [null, '计划开始日期', '2025/1/1', '计划完成日期', new Date(Date.UTC(2025, 11, 31))],
        [null, '项目资金（元）', '项目资金总额：', null, '年度资金申请总额：', 381419.84],
        [null, null, null, null, '其中：当年财政拨款', '381,419.84'],
        [null, null, null, null, '上年结转资金', 0],
        [null, null, null, null, '其他资金', '0.00'],
        [null, '项目绩效目标', '项目总目标', null, '年度总体目标', first.annualGoal],
        [],
        [null, null, '一级指标', '二级指标', '三级指标', '年度(/项目)指标值'],
        ...typedTable.slice(0, 3),
        [],
        ...typedTable.slice(3),
        [],
      ]);
    const [read] = await readFormsXlsx(await bytesOf(workbook));
    expect(read).toEqual(first);
  });
});
