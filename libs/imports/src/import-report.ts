import { findingViews, type Finding, type FindingView } from '@app/declarations/domain';
import type { Language } from '@app/platform/messages';
import type { NotYoursForm, PlannedForm } from './import-plan.js';

/**
 * What became of one form: drafted now (`created`), found already imported from the same file
 * (by anyone) and `skipped`, or left out as a `duplicate` (`?duplicates=skip`): then
 * `declarationId` is the declaration it duplicates.
 */
export interface ImportedForm {
  index: number;
  projectName: string;
  unit: { id: string; name: string };
  status: 'created' | 'skipped' | 'duplicate';
  declarationId: string;
  /** Existing declarations of the same unit, year and project name; empty when none. */
  possibleDuplicateOf: string[];
  findings: Finding[];
}

export interface ImportReport {
  fileSha256: string;
  forms: ImportedForm[];
  created: number;
  skipped: number;
  /** Forms left out because of a possible duplicate (`?duplicates=skip`). */
  duplicates: number;
  /** Other units' forms left out by `?only=mine`. */
  notYours: NotYoursForm[];
}

export function importedForm(form: PlannedForm, outcome: { declarationId: string; replayed: boolean }): ImportedForm {
  return {
    index: form.index,
    projectName: form.projectName,
    unit: form.unit,
    status: outcome.replayed ? 'skipped' : 'created',
    declarationId: outcome.declarationId,
    possibleDuplicateOf: form.possibleDuplicateOf,
    findings: form.findings,
  };
}

/** A form not drafted because it has a possible duplicate. */
export function duplicateForm(form: PlannedForm): ImportedForm {
  return {
    ...importedForm(form, { declarationId: form.possibleDuplicateOf[0]!, replayed: false }),
    status: 'duplicate',
  };
}

export function reportOf(
  fileSha256: string,
  forms: readonly ImportedForm[],
  notYours: readonly NotYoursForm[] = [],
): ImportReport {
  const count = (status: ImportedForm['status']) => forms.filter((form) => form.status === status).length;
  return {
    fileSha256,
    forms: [...forms],
    created: count('created'),
    skipped: count('skipped'),
    duplicates: count('duplicate'),
    notYours: [...notYours],
  };
}

/** The report as a person reads it: each form's findings in their language. */
export type ImportReportView = Omit<ImportReport, 'forms'> & {
  forms: (Omit<ImportedForm, 'findings'> & { findings: FindingView[] })[];
};

/** Rendered when shown, not when made: the queue keeps the report's words as keys and parameters. */
export function reportView(report: ImportReport, language: Language): ImportReportView {
  return {
    ...report,
    forms: report.forms.map((form) => ({ ...form, findings: findingViews(form.findings, language) })),
  };
}

/** The command id that makes a form's import happen once, whoever imports the file again. */
export function importCommandId(fileSha256: string, formIndex: number): string {
  return `import:${fileSha256}:${formIndex}`;
}
