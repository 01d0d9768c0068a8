import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CHECK_CODES, DraftDeclaration, DraftDeclarations, type Finding } from '@app/declarations';
import { Organisations } from '@app/identity';
import { AppError, say } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { Duplicates } from './duplicates.js';
import {
  assertMayImport,
  assertUnitsAllowed,
  DEFAULT_IMPORT_OPTIONS,
  resolveUnits,
  type ImportOptions,
  type ImportPlan,
  type PlannedForm,
} from './import-plan.js';
import {
  duplicateForm,
  importCommandId,
  importedForm,
  reportOf,
  type ImportedForm,
  type ImportReport,
} from './import-report.js';
import { UploadReader } from './upload-reader.js';

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
    private readonly reader: UploadReader,
    private readonly duplicates: Duplicates,
  ) {}

  async prepare(
    bytes: Uint8Array,
    fileName: string | null,
    actor: Actor,
    options: ImportOptions = DEFAULT_IMPORT_OPTIONS,
  ): Promise<ImportPlan> {
    assertMayImport(actor);
    if (options.onlyMine && actor.unitId === null) {
      throw new AppError('VALIDATION_FAILED', say('import.onlyMineWithoutUnit'), [
        { path: 'only', code: 'ONLY_MINE_WITHOUT_UNIT', message: say('field.ONLY_MINE_WITHOUT_UNIT') },
      ]);
    }
    // Everything that grows with the file runs in a worker thread; only the lookups run here.
    const file = await this.reader.read(bytes);
    const units = await resolveUnits(file.forms, this.organisations);
    const forms = file.forms.map((form, at) => ({ ...form, unit: { id: units[at]!.id, name: units[at]!.name } }));
    const mine = options.onlyMine ? forms.filter((form) => form.unit.id === actor.unitId) : forms;
    if (!options.onlyMine) assertUnitsAllowed(actor, forms);
    const notYours = options.onlyMine
      ? forms
          .filter((form) => form.unit.id !== actor.unitId)
          .map(({ index, projectName, unit }) => ({ index, projectName, unit }))
      : [];
    const keys = mine.map((form) => ({ unitId: form.unit.id, year: form.year, projectName: form.projectName }));
    const matches = await this.duplicates.of(
      keys,
      file.fileSha256,
      mine.map((form) => form.index),
    );
    const planned = mine.map((form, at): PlannedForm => {
      const possibleDuplicateOf = matches[at]!;
      const { index, projectName, unit, content, findings } = form;
      const skipAsDuplicate = options.duplicates === 'skip' && possibleDuplicateOf.length > 0;
      return { index, projectName, unit, content, findings, possibleDuplicateOf, skipAsDuplicate };
    });
    return { fileSha256: file.fileSha256, forms: planned, notYours };
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
      const drafted = forms.filter((form) => !form.skipAsDuplicate);
      const results =
        drafted.length === 0
          ? []
          : await this.commands.execute(new DraftDeclarations(drafted.map((f) => draftOf(plan, f, actor))));
      for (const form of forms) {
        const at = drafted.indexOf(form);
        imported.push(at === -1 ? duplicateForm(form) : importedForm(form, results[at]!));
        await onProgress?.(imported.length, plan.forms.length, imported.at(-1)!);
      }
    }
    return reportOf(plan.fileSha256, imported, plan.notYours);
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
