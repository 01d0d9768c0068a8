export type FormFileErrorCode =
  | 'FORM_FILE_EMPTY'
  | 'FORM_FILE_NOT_TEXT'
  | 'FORM_FILE_NO_FORMS'
  | 'FORM_FILE_TRUNCATED'
  | 'FORM_FILE_NOT_XLSX'
  | 'FORM_FILE_NOT_A_FORM_WORKBOOK'
  | 'FORM_FILE_SHEET_INCOMPLETE';

/** The file is not a readable export of 申报表; nothing of it is imported. */
export class FormFileError extends Error {
  constructor(
    readonly code: FormFileErrorCode,
    message: string,
    /** The 1-based form the problem was found in, when it is about one form. */
    readonly formIndex: number | null = null,
  ) {
    super(message);
    this.name = 'FormFileError';
  }
}
