// The 申报表 reader's public face: pure TypeScript, no I/O, no Nest.
export { FORM_FILE_CAPS, type FormFileCaps } from './form-file-caps.js';
export { FormFileError, type FormFileCapCode, type FormFileErrorCode } from './form-file-error.js';
export { FINDING_CODES } from './parsed-form.js';
export type {
  Finding,
  FindingCode,
  FindingSeverity,
  Funds,
  ParsedForm,
  ParsedIndicator,
  ParseOutputForm,
} from './parsed-form.js';
export { toParseOutput } from './parse-output.js';
export { readFormsText } from './read-forms.js';
export { FORM_TITLE, type FormSheet, type FormSheetIndicator } from './xlsx/form-sheet.js';
export { formMarkOf } from './xlsx/form-mark.js';
export { readFormsXlsx } from './xlsx/read-forms-xlsx.js';
export { OPINION_COLUMN } from './xlsx/sheet-layout.js';
export { workbookOf, type WorkbookOptions } from './xlsx/workbook.js';
