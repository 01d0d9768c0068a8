// Importing files of 申报表 as draft declarations: the lib's public face.
export { checkedParseOutput, checksOf, draftContentOfForm, findingsOfForm } from './form-content.js';
export type { CheckedParseOutput } from './form-content.js';
export { Duplicates, DUPLICATES_LISTED, DUPLICATES_SQL } from './duplicates.js';
export { readFormFile, sha256Of } from './form-file.js';
export { FormImporter, type ImportProgress } from './form-importer.js';
export {
  DEFAULT_IMPORT_OPTIONS,
  type ImportOptions,
  type ImportPlan,
  type NotYoursForm,
  type PlannedForm,
} from './import-plan.js';
export { readUpload, type FormRead, type UploadRead } from './read-upload.js';
export { UploadReader, type FileRead } from './upload-reader.js';
export {
  importCommandId,
  reportView,
  type ImportedForm,
  type ImportReport,
  type ImportReportView,
} from './import-report.js';
export { ImportsModule } from './imports.module.js';
