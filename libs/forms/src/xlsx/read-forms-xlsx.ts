import ExcelJS from 'exceljs';
import { say } from '@app/platform/messages';
import { FORM_FILE_CAPS, type FormFileCaps, overCap } from '../form-file-caps.js';
import { FormFileError } from '../form-file-error.js';
import type { ParsedForm } from '../parsed-form.js';
import { FORM_TITLE } from './form-sheet.js';
import { readFormSheet, titleRowOf } from './read-form-sheet.js';
import { assertXlsxWithinCaps } from './zip-caps.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls

/**
 * Reads every 申报表 in an .xlsx workbook, one per sheet, in sheet order, into the same ParsedForm
 * the text reader gives (index: 1-based among the form sheets). Sheets without the title (notes, a
 * cover) are passed over. Throws FormFileError when the bytes are not a workbook, no sheet is a
 * form, a form sheet lacks what makes it one, or the workbook is over one of `caps` (checked in
 * the zip before exceljs sees it, and the indicators while the table is read: form-file-caps.ts).
 */
export async function readFormsXlsx(
  bytes: Buffer | Uint8Array,
  caps: FormFileCaps = FORM_FILE_CAPS,
): Promise<ParsedForm[]> {
  const workbook = await openWorkbook(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), caps);
  const sheets = workbook.worksheets.flatMap((sheet) => {
    const title = titleRowOf(sheet);
    return title === undefined ? [] : [{ sheet, title }];
  });
  if (sheets.length === 0) {
    throw new FormFileError('FORM_FILE_NOT_A_FORM_WORKBOOK', say('formFile.noFormSheet', { title: FORM_TITLE }));
  }
  if (sheets.length > caps.formsPerFile) {
    throw overCap(caps, 'formsPerFile', 'forms', say('formFile.tooManyWorkbookForms', { maximum: caps.formsPerFile }));
  }
  return sheets.map(({ sheet, title }, at) => readFormSheet(sheet, title, at + 1, caps));
}

async function openWorkbook(buffer: Buffer, caps: FormFileCaps): Promise<ExcelJS.Workbook> {
  if (buffer.length === 0) throw new FormFileError('FORM_FILE_EMPTY', say('formFile.empty'));
  if (startsWith(buffer, OLE)) {
    throw new FormFileError('FORM_FILE_NOT_XLSX', say('formFile.xls'));
  }
  if (!startsWith(buffer, ZIP)) throw new FormFileError('FORM_FILE_NOT_XLSX', say('formFile.notXlsx'));
  assertXlsxWithinCaps(buffer, caps);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own `Buffer extends ArrayBuffer`; at run time it takes Node's.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    // exceljs's own errors name zip internals; the unit needs to hear what the file is not.
    throw new FormFileError('FORM_FILE_NOT_XLSX', say('formFile.unopenable'));
  }
  return workbook;
}

function startsWith(buffer: Buffer, magic: readonly number[]): boolean {
  return magic.every((byte, at) => buffer[at] === byte);
}
