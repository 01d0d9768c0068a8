import type { Finding } from '@app/declarations/domain';
import type { PlannedForm } from './import-plan.js';

/** What became of one form: drafted now, or found already imported (by anyone) and skipped. */
export interface ImportedForm {
  index: number;
  projectName: string;
  unit: { id: string; name: string };
  status: 'created' | 'skipped';
  declarationId: string;
  findings: Finding[];
}

export interface ImportReport {
  fileSha256: string;
  forms: ImportedForm[];
  created: number;
  skipped: number;
}

export function importedForm(form: PlannedForm, outcome: { declarationId: string; replayed: boolean }): ImportedForm {
  return {
    index: form.index,
    projectName: form.projectName,
    unit: form.unit,
    status: outcome.replayed ? 'skipped' : 'created',
    declarationId: outcome.declarationId,
    findings: form.findings,
  };
}

export function reportOf(fileSha256: string, forms: readonly ImportedForm[]): ImportReport {
  const created = forms.filter((form) => form.status === 'created').length;
  return { fileSha256, forms: [...forms], created, skipped: forms.length - created };
}

/** The command id that makes a form's import happen once, whoever imports the file again. */
export function importCommandId(fileSha256: string, formIndex: number): string {
  return `import:${fileSha256}:${formIndex}`;
}
