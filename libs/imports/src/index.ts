// Importing files of 申报表 as draft declarations: the lib's public face.
export { checkedParseOutput, checksOf, draftContentOfForm, findingsOfForm } from './form-content.js';
export type { CheckedParseOutput } from './form-content.js';
export { readFormFile, sha256Of } from './form-file.js';
export { FormImporter, type ImportProgress } from './form-importer.js';
export type { ImportPlan, PlannedForm } from './import-plan.js';
export { importCommandId, type ImportedForm, type ImportReport } from './import-report.js';
export { ImportsModule } from './imports.module.js';
