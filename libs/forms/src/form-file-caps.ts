import { MAX_INDICATORS } from '@app/declarations/domain';
import { say, type Text } from '@app/platform/messages';
import { FormFileError, type FormFileCapCode } from './form-file-error.js';

/**
 * How much a file of 申报表 may hold, checked while it is read (never after): a file over a cap
 * is refused at the first sign of it, so a small upload that would unpack into millions of rows
 * costs milliseconds. Far above real files: the 33 real 2025 forms are a 170 KB text export, and
 * as our .xlsx a workbook of 33 sheets of at most 60 rows that inflates to 350 KB.
 */
export interface FormFileCaps {
  /** The bytes an .xlsx may inflate to, all its parts together: as declared, and as actually inflated. */
  inflatedBytes: number;
  /** The parts (files) inside an .xlsx. */
  zipEntries: number;
  /** Worksheets in an .xlsx, forms or not. */
  sheets: number;
  /** Rows of a worksheet, counted and as numbered (a row numbered 1,000,000 counts as that many). */
  rowsPerSheet: number;
  /** Forms in one file (text or .xlsx). */
  formsPerFile: number;
  /** Lines of one form in a text export, from its title line on (the real ones have at most 48). */
  linesPerForm: number;
  /** Indicator rows in one form: the same limit as a declaration typed in. */
  indicatorsPerForm: number;
}

export const FORM_FILE_CAPS: Readonly<FormFileCaps> = {
  inflatedBytes: 20 * 1024 * 1024,
  zipEntries: 2_000,
  sheets: 500,
  rowsPerSheet: 1_000,
  formsPerFile: 500,
  linesPerForm: 1_000,
  indicatorsPerForm: MAX_INDICATORS,
};

const CODES: Record<keyof FormFileCaps, FormFileCapCode> = {
  inflatedBytes: 'FORM_FILE_INFLATED_SIZE_OVER_CAP',
  zipEntries: 'FORM_FILE_ZIP_ENTRIES_OVER_CAP',
  sheets: 'FORM_FILE_SHEETS_OVER_CAP',
  rowsPerSheet: 'FORM_FILE_ROWS_OVER_CAP',
  formsPerFile: 'FORM_FILE_FORMS_OVER_CAP',
  linesPerForm: 'FORM_FILE_LINES_OVER_CAP',
  indicatorsPerForm: 'FORM_FILE_INDICATORS_OVER_CAP',
};

/** The refusal of a file over `cap`; `found` says what was found, the cap is added. */
export function overCap(
  caps: FormFileCaps,
  cap: keyof FormFileCaps,
  path: string,
  found: Text,
  formIndex: number | null = null,
): FormFileError {
  const limit = caps[cap];
  const shown = cap === 'inflatedBytes' ? `${(limit / 1024 / 1024).toFixed(0)} MB` : String(limit);
  return new FormFileError(CODES[cap], say('formFile.overCap', { found, limit: shown }), formIndex, {
    name: cap,
    limit,
    path,
  });
}
