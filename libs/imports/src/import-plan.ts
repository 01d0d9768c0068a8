import type { DraftContent, Finding } from '@app/declarations/domain';
import type { Organisations, Unit } from '@app/identity';
import { AppError, type FieldError, say, type Text } from '@app/platform';
import type { Actor } from '@app/identity/roles';

/** One form, ready to be drafted: its unit resolved, its content mapped, its findings known. */
export interface PlannedForm {
  /** 1-based, in file order. */
  index: number;
  projectName: string;
  unit: { id: string; name: string };
  content: DraftContent;
  findings: Finding[];
  /** Existing declarations of the same unit, year and project name (not discarded), oldest first. */
  possibleDuplicateOf: string[];
  /** Not drafted: `?duplicates=skip` and it has a possible duplicate. */
  skipAsDuplicate: boolean;
}

/** A form of the file left out by `?only=mine`: another unit's. */
export interface NotYoursForm {
  index: number;
  projectName: string;
  unit: { id: string; name: string };
}

/** A whole file, validated and authorised: running it only appends. */
export interface ImportPlan {
  fileSha256: string;
  forms: PlannedForm[];
  notYours: NotYoursForm[];
}

/**
 * How to import: `duplicates: 'skip'` leaves out forms with a possible duplicate (by default they
 * are drafted and flagged); `onlyMine` imports a preparer's own unit's forms of a wider file and
 * reports the rest as not theirs (by default such a file is refused whole).
 */
export interface ImportOptions {
  duplicates: 'flag' | 'skip';
  onlyMine: boolean;
}

export const DEFAULT_IMPORT_OPTIONS: Readonly<ImportOptions> = { duplicates: 'flag', onlyMine: false };

/** What units are looked up by. */
type FormOfUnit = Pick<PlannedForm, 'index' | 'projectName'> & { implementingUnit: string; department: string };

/** Only admins (any unit) and preparers (their own unit's forms) import. */
export function assertMayImport(actor: Actor): void {
  if (actor.role === 'admin' || actor.role === 'preparer') return;
  throw new AppError('FORBIDDEN', say('import.roleMayNot', { role: say(`role.${actor.role}`) }), [
    { path: '', code: 'ROLE_NOT_ALLOWED', message: say('field.importRole') },
  ]);
}

/**
 * Every form's unit, looked up by its printed name (tolerant of parentheses and spaces). An unknown
 * unit or department, or a unit the form places under another department, refuses the whole file:
 * half an import is worse than none.
 */
export async function resolveUnits(forms: readonly FormOfUnit[], organisations: Organisations): Promise<Unit[]> {
  const errors: FieldError[] = [];
  const resolved: Unit[] = [];
  // Every distinct name at once: two queries for the whole file, not one (or one connection) per name.
  const [units, departments] = await Promise.all([
    organisations.findUnitsByNames(forms.map((form) => form.implementingUnit)),
    organisations.findDepartmentsByNames(forms.flatMap((form) => (form.department ? [form.department] : []))),
  ]);
  for (const [at, form] of forms.entries()) {
    const where = say('import.form', { form: form.index, project: form.projectName });
    const unit = units.get(form.implementingUnit);
    const department = form.department ? departments.get(form.department) : undefined;
    if (!unit) {
      const message = say('field.UNKNOWN_UNIT_OF_FORM', { form: where, unit: form.implementingUnit });
      errors.push(refusal(at, 'implementingUnit', 'UNKNOWN_UNIT', message));
    }
    if (form.department && !department) {
      const message = say('field.UNKNOWN_DEPARTMENT_OF_FORM', { form: where, department: form.department });
      errors.push(refusal(at, 'department', 'UNKNOWN_DEPARTMENT', message));
    } else if (unit && department && unit.departmentId !== department.id) {
      const message = say('field.UNIT_NOT_IN_DEPARTMENT', {
        form: where,
        unit: unit.name,
        department: department.name,
      });
      errors.push(refusal(at, 'department', 'UNIT_NOT_IN_DEPARTMENT', message));
    }
    if (unit) resolved.push(unit);
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', say('import.unknownUnits'), errors);
  }
  return resolved;
}

/**
 * A preparer imports a file only when every form in it is their own unit's; nothing is written
 * otherwise (`?only=mine` takes their own forms out of a wider file instead).
 */
export function assertUnitsAllowed(
  actor: Actor,
  forms: readonly Pick<PlannedForm, 'index' | 'projectName' | 'unit'>[],
): void {
  assertMayImport(actor);
  if (actor.role === 'admin') return;
  const foreign = forms.flatMap((form, at) =>
    form.unit.id === actor.unitId
      ? []
      : [
          refusal(
            at,
            'implementingUnit',
            'ACTOR_NOT_PREPARER_OF_UNIT',
            say('field.FORM_NOT_YOURS', {
              form: say('import.form', { form: form.index, project: form.projectName }),
              unit: form.unit.name,
            }),
          ),
        ],
  );
  if (foreign.length > 0) {
    throw new AppError('FORBIDDEN', say('import.foreign', { count: foreign.length }), foreign);
  }
}

/** Paths point into the `forms` array of `forms parse` (0-based); messages count forms from 1. */
function refusal(at: number, field: string, code: string, message: Text): FieldError {
  return { path: `forms[${at}].${field}`, code, message };
}
