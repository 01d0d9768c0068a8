import { render, type Text } from '@app/platform/messages';

export type FormFileErrorCode =
  | 'FORM_FILE_EMPTY'
  | 'FORM_FILE_NOT_TEXT'
  | 'FORM_FILE_NO_FORMS'
  | 'FORM_FILE_TRUNCATED'
  | 'FORM_FILE_NOT_XLSX'
  | 'FORM_FILE_NOT_A_FORM_WORKBOOK'
  | 'FORM_FILE_SHEET_INCOMPLETE'
  | FormFileCapCode;

/** A file over one of the caps (form-file-caps.ts): each code names its cap. */
export type FormFileCapCode =
  | 'FORM_FILE_INFLATED_SIZE_OVER_CAP'
  | 'FORM_FILE_ZIP_ENTRIES_OVER_CAP'
  | 'FORM_FILE_SHEETS_OVER_CAP'
  | 'FORM_FILE_ROWS_OVER_CAP'
  | 'FORM_FILE_FORMS_OVER_CAP'
  | 'FORM_FILE_LINES_OVER_CAP'
  | 'FORM_FILE_INDICATORS_OVER_CAP';

/**
 * The file is not a readable export of 申报表; nothing of it is imported. `words` is what a person
 * is told, in their language when answered; `message` is its Chinese, for the CLI and logs.
 */
export class FormFileError extends Error {
  constructor(
    readonly code: FormFileErrorCode,
    readonly words: Text,
    /** The 1-based form the problem was found in, when it is about one form. */
    readonly formIndex: number | null = null,
    /** Over a cap: which one, its limit, and where in the file (`file`, `sheets[2]`, `forms[0].indicators`). */
    readonly cap: { name: string; limit: number; path: string } | null = null,
  ) {
    super(render(words, 'zh'));
    this.name = 'FormFileError';
  }
}
