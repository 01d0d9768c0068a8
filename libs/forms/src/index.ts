// The 申报表 reader's public face: pure TypeScript, no I/O, no Nest.
export { FormFileError, type FormFileErrorCode } from './form-file-error.js';
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
