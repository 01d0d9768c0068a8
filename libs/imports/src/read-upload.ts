import {
  DEFAULT_RULE_SET,
  textProblems,
  type DraftContent,
  type Finding,
  type RuleSet,
} from '@app/declarations/domain';
import { FORM_FILE_CAPS, FormFileError, type FormFileCaps } from '@app/forms';
import type { FieldError } from '@app/platform/errors';
import { draftContentOfForm, findingsOfForm } from './form-content.js';
import { readFormFile, sha256Of } from './form-file.js';

/** A form as read from a file: what the units are looked up by, its draft content and findings. */
export interface FormRead {
  /** 1-based, in file order. */
  index: number;
  year: number;
  projectName: string;
  implementingUnit: string;
  department: string;
  content: DraftContent;
  findings: Finding[];
}

/** What a worker thread answers for one file: its forms, or why the file is refused. */
export type UploadRead =
  | { kind: 'read'; fileSha256: string; forms: FormRead[] }
  | {
      kind: 'refused';
      code: FormFileError['code'];
      /** What the person is told: words, so the answer can say them in the reader's language. */
      words: FormFileError['words'];
      formIndex: number | null;
      cap: FormFileError['cap'];
    }
  | { kind: 'cells'; errors: FieldError[] };

/** The rule sets of the years configured, by year (a year without one uses the defaults). */
export type RulesByYear = Readonly<Record<number, RuleSet>>;

/**
 * Everything about a file that grows with it, in one pure function for a worker thread: its
 * kind, its forms (within `caps`), its hash, each form's content, the cells that cannot be kept
 * and the findings. Only the units (the database) are left to the caller.
 */
export async function readUpload(
  bytes: Uint8Array,
  rules: RulesByYear,
  caps: FormFileCaps = FORM_FILE_CAPS,
): Promise<UploadRead> {
  let parsed;
  try {
    parsed = await readFormFile(bytes, caps);
  } catch (error) {
    if (!(error instanceof FormFileError)) throw error;
    const { code, words, formIndex, cap } = error;
    return { kind: 'refused', code, words, formIndex, cap };
  }
  const forms = parsed.map((form) => ({
    index: form.index,
    year: form.year,
    projectName: form.projectName,
    implementingUnit: form.implementingUnit,
    department: form.department,
    content: draftContentOfForm(form),
    findings: findingsOfForm(form, rules[form.year] ?? DEFAULT_RULE_SET),
  }));
  // Checked here for the whole file: the drafts would refuse them one batch at a time.
  const errors: FieldError[] = [];
  for (const [at, form] of forms.entries()) {
    for (const problem of textProblems(form.content, `forms[${at}].`)) errors.push(problem);
  }
  if (errors.length > 0) return { kind: 'cells', errors };
  return { kind: 'read', fileSha256: sha256Of(bytes), forms };
}
