import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  CHECK_CODES,
  DraftDeclaration,
  DraftDeclarations,
  RuleSets,
  textProblems,
  type Finding,
} from '@app/declarations';
import { FormFileError } from '@app/forms';
import { Organisations } from '@app/identity';
import { AppError, say } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { draftContentOfForm, findingsOfForm } from './form-content.js';
import { readFormFile, sha256Of } from './form-file.js';
import { assertMayImport, assertUnitsAllowed, resolveUnits, type ImportPlan, type PlannedForm } from './import-plan.js';
import { importCommandId, importedForm, reportOf, type ImportedForm, type ImportReport } from './import-report.js';

export type ImportProgress = (done: number, total: number, form: ImportedForm) => void | Promise<void>;

/**
 * Importing a file of 申报表: `prepare` reads, resolves and authorises the whole file and writes
 * nothing (so a bad file is refused whole); `run` drafts each form through the same command as
 * `POST /declarations`. The CLI runs both in-process; the API prepares, the worker runs.
 */
@Injectable()
export class FormImporter {
  constructor(
    private readonly commands: CommandBus,
    private readonly organisations: Organisations,
    private readonly rules: RuleSets,
  ) {}

  async prepare(bytes: Uint8Array, fileName: string | null, actor: Actor): Promise<ImportPlan> {
    assertMayImport(actor);
    const forms = await readFormFile(bytes).catch((error: unknown) => {
      throw error instanceof FormFileError ? refusalOf(error) : error;
    });
    const contents = forms.map(draftContentOfForm);
    // Checked here for the whole file: the drafts would refuse them one batch at a time.
    const overLimit = contents.flatMap((content, at) => textProblems(content, `forms[${at}].`));
    if (overLimit.length > 0) throw new AppError('VALIDATION_FAILED', say('import.cellsTooLong'), overLimit);
    const units = await resolveUnits(forms, this.organisations);
    const planned = forms.map((form, at) => ({
      index: form.index,
      projectName: form.projectName,
      unit: { id: units[at]!.id, name: units[at]!.name },
      content: contents[at]!,
      findings: findingsOfForm(form, this.rules.forYear(form.year)),
    }));
    assertUnitsAllowed(actor, planned);
    return { fileSha256: sha256Of(bytes), forms: planned };
  }

  /**
   * Drafts the forms in file order, up to FORMS_PER_TRANSACTION of them in one transaction, each
   * form with its command id: a crash midway loses at most the batch under way, and running the
   * same file again skips what is in and completes the rest.
   */
  async run(plan: ImportPlan, actor: Actor, onProgress?: ImportProgress): Promise<ImportReport> {
    const imported: ImportedForm[] = [];
    for (let start = 0; start < plan.forms.length; start += FORMS_PER_TRANSACTION) {
      const forms = plan.forms.slice(start, start + FORMS_PER_TRANSACTION);
      const results = await this.commands.execute(new DraftDeclarations(forms.map((f) => draftOf(plan, f, actor))));
      for (const [at, form] of forms.entries()) {
        imported.push(importedForm(form, results[at]!));
        await onProgress?.(imported.length, plan.forms.length, imported.at(-1)!);
      }
    }
    return reportOf(plan.fileSha256, imported);
  }
}

/**
 * One transaction per this many forms: a file's forms are written in one round trip, rather than
 * one each (which made an import 20 times slower than plain inserts), and a transaction stays short.
 */
const FORMS_PER_TRANSACTION = 100;

/** What the reader saw of the layout: kept with the draft. The year's checks run anew on every read. */
function layoutFindings(findings: readonly Finding[]): { findings?: Finding[] } {
  const layout = findings.filter((f) => !(CHECK_CODES as readonly string[]).includes(f.code));
  return layout.length > 0 ? { findings: layout } : {};
}

function draftOf(plan: ImportPlan, form: PlannedForm, actor: Actor): DraftDeclaration {
  const key = importCommandId(plan.fileSha256, form.index);
  return new DraftDeclaration(
    actor,
    form.unit.id,
    form.content,
    { kind: 'import', fileSha256: plan.fileSha256, formIndex: form.index, ...layoutFindings(form.findings) },
    {
      // Global, and the key is its own fingerprint: the same bytes are the same forms, even
      // when a newer reader would map them differently; a re-import is skipped, never refused.
      idempotency: { key, fingerprint: key, global: true },
      provenance: { importFileSha256: plan.fileSha256, importFormIndex: form.index },
    },
  );
}

function refusalOf(error: FormFileError): AppError {
  const path = error.formIndex === null ? 'file' : `forms[${error.formIndex - 1}]`;
  return new AppError('VALIDATION_FAILED', say('import.unreadable'), [
    { path, code: error.code, message: error.message },
  ]);
}
