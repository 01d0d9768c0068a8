import { describe, expect, it } from '@jest/globals';
import { FORM_FILE_CAPS, type FormFileCaps } from './form-file-caps.js';
import { FormFileError } from './form-file-error.js';
import { songjiangForms, textBomb } from './forms.fixtures.js';
import { readFormsText } from './read-forms.js';
import { readFormsXlsx } from './xlsx/read-forms-xlsx.js';
import { workbookOf } from './xlsx/workbook.js';
import { formHeadRows, sheetXml, workbookParts, xlsxBomb, zipOf, type ZipPart } from './xlsx/zip.fixtures.js';

const caps = (changed: Partial<FormFileCaps>): FormFileCaps => ({ ...FORM_FILE_CAPS, ...changed });

async function refusalOf(read: () => unknown): Promise<FormFileError> {
  try {
    await read();
  } catch (error) {
    if (error instanceof FormFileError) return error;
    throw error;
  }
  throw new Error('expected a FormFileError');
}

/** Refused with `code`, naming the cap, its limit and `path`, within `ms`. */
async function expectOverCap(read: () => unknown, code: string, path: string, ms = 2_000): Promise<FormFileError> {
  const started = performance.now();
  const error = await refusalOf(read);
  expect(performance.now() - started).toBeLessThan(ms);
  expect(error.code).toBe(code);
  expect(error.cap).toMatchObject({ path, limit: expect.any(Number) });
  expect(error.message).toContain('超过上限');
  return error;
}

const real = songjiangForms();
const forms = readFormsText(real);
const xlsxOf = (sheets: string[], extra: ZipPart[] = []) => zipOf([...workbookParts(sheets), ...extra]);

describe('the text reader’s caps', () => {
  it('reads the 33 real forms within the default caps', () => {
    expect(readFormsText(real)).toHaveLength(33);
  });

  it('stops at the form past formsPerFile', async () => {
    const error = await expectOverCap(
      () => readFormsText(real, caps({ formsPerFile: 32 })),
      'FORM_FILE_FORMS_OVER_CAP',
      'forms',
    );
    expect(error.cap).toEqual({ name: 'formsPerFile', limit: 32, path: 'forms' });
  });

  it('stops at the indicator row past indicatorsPerForm, naming the form', async () => {
    const error = await expectOverCap(
      () => readFormsText(real, caps({ indicatorsPerForm: 5 })),
      'FORM_FILE_INDICATORS_OVER_CAP',
      'forms[0].indicators',
    );
    expect(error.formIndex).toBe(1);
    expect(FORM_FILE_CAPS.indicatorsPerForm).toBe(200); // the same limit as a declaration typed in
  });

  it('refuses a form of 201 to 1,000 indicator rows by indicatorsPerForm', async () => {
    await expectOverCap(() => readFormsText(textBomb(600)), 'FORM_FILE_INDICATORS_OVER_CAP', 'forms[0].indicators');
  });

  it('refuses the issue’s 10 MB text bomb (one form, 374,000 indicator rows) at its line 1,001, in well under 2 s', async () => {
    const bomb = textBomb(374_000);
    expect(Buffer.byteLength(bomb)).toBeGreaterThan(8 * 1024 * 1024);
    const error = await expectOverCap(() => readFormsText(bomb), 'FORM_FILE_LINES_OVER_CAP', 'forms[0]');
    expect(error.cap).toEqual({ name: 'linesPerForm', limit: 1_000, path: 'forms[0]' });
  });
});

describe('with the caps lifted', () => {
  it('reads 50,000 indicator rows of one form without recursion that grows with them (no stack overflow)', () => {
    const lifted = caps({ linesPerForm: Number.POSITIVE_INFINITY, indicatorsPerForm: Number.POSITIVE_INFINITY });
    const [form] = readFormsText(textBomb(50_000), lifted);
    expect(form!.indicators).toHaveLength(50_000);
  });
});

describe('the .xlsx reader’s caps, checked in the zip before exceljs sees it', () => {
  it('reads a workbook of real forms within the default caps', async () => {
    expect(await readFormsXlsx(await workbookOf(forms.slice(0, 3)))).toHaveLength(3);
  });

  it('refuses the issue’s bomb (200,000 rows × 7 cells, 50 MB inflated) by its declared size, inflating nothing', async () => {
    const bomb = xlsxBomb(200_000, false);
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    await expectOverCap(() => readFormsXlsx(bomb), 'FORM_FILE_INFLATED_SIZE_OVER_CAP', 'file', 500);
  });

  it('stops inflating at the cap when the zip lies about the size', async () => {
    // 200 MB of zeros deflate to about 200 KB; the directory says 1 KB.
    const zeros = Buffer.alloc(200 * 1024 * 1024, 0x20);
    const bomb = xlsxOf([sheetXml(formHeadRows())], [{ name: 'xl/media/zeros.bin', data: zeros, declaredSize: 1024 }]);
    const before = process.memoryUsage().arrayBuffers;
    const error = await expectOverCap(() => readFormsXlsx(bomb), 'FORM_FILE_INFLATED_SIZE_OVER_CAP', 'file', 1_000);
    expect(error.message).toContain('解压后大于');
    // Nothing near 200 MB was ever held: inflating stopped at the 20 MB cap.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses more parts than zipEntries', async () => {
    const parts = Array.from({ length: 11 }, (_, at) => ({ name: `docProps/part${at}.xml`, data: '<x/>' }));
    await expectOverCap(
      () => readFormsXlsx(xlsxOf([sheetXml(formHeadRows())], parts), caps({ zipEntries: 10 })),
      'FORM_FILE_ZIP_ENTRIES_OVER_CAP',
      'file',
    );
  });

  it('refuses more worksheets than sheets, forms or not', async () => {
    const sheets = [sheetXml(formHeadRows()), sheetXml([['说明']]), sheetXml([['附表']])];
    await expectOverCap(() => readFormsXlsx(xlsxOf(sheets), caps({ sheets: 2 })), 'FORM_FILE_SHEETS_OVER_CAP', 'file');
  });

  it('refuses a worksheet with more rows than rowsPerSheet, counted or as numbered, or merged that far', async () => {
    const rows = [
      ...formHeadRows(),
      ...Array.from({ length: 30 }, (_, n) => ['产出指标', '数量指标', `指标${n}`, '≥1(人)']),
    ];
    const few = caps({ rowsPerSheet: 20 });
    await expectOverCap(() => readFormsXlsx(xlsxOf([sheetXml(rows)]), few), 'FORM_FILE_ROWS_OVER_CAP', 'sheets[0]');
    // One cell on row 1,048,576 would make the sheet reader walk a million rows.
    const far = sheetXml([...formHeadRows(), { r: 1_048_576, cells: ['x'] }]);
    await expectOverCap(() => readFormsXlsx(xlsxOf([far])), 'FORM_FILE_ROWS_OVER_CAP', 'sheets[0]');
    const merged = sheetXml(formHeadRows(), ['A1:Z1048576']);
    await expectOverCap(() => readFormsXlsx(xlsxOf([merged])), 'FORM_FILE_ROWS_OVER_CAP', 'sheets[0]');
  });

  it('refuses more form sheets than formsPerFile', async () => {
    const bytes = await workbookOf(forms.slice(0, 3));
    await expectOverCap(() => readFormsXlsx(bytes, caps({ formsPerFile: 2 })), 'FORM_FILE_FORMS_OVER_CAP', 'forms');
  });

  it('stops at the indicator row past indicatorsPerForm, naming the form', async () => {
    const bytes = await workbookOf(forms.slice(0, 2));
    const error = await expectOverCap(
      () => readFormsXlsx(bytes, caps({ indicatorsPerForm: 3 })),
      'FORM_FILE_INDICATORS_OVER_CAP',
      'forms[0].indicators',
    );
    expect(error.formIndex).toBe(1);
  });
});
