import type { DraftContent, Finding } from '@app/declarations/domain';
import type { ParsedForm } from '@app/forms';
import type { Department, Organisations, Unit } from '@app/identity';
import { AppError, type FieldError, say } from '@app/platform';
import type { Actor } from '@app/identity/roles';

/** One form, ready to be drafted: its unit resolved, its content mapped, its findings known. */
export interface PlannedForm {
  /** 1-based, in file order. */
  index: number;
  projectName: string;
  unit: { id: string; name: string };
  content: DraftContent;
  findings: Finding[];
}

/** A whole file, validated and authorised: running it only appends. */
export interface ImportPlan {
  fileSha256: string;
  forms: PlannedForm[];
}

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
export async function resolveUnits(forms: readonly ParsedForm[], organisations: Organisations): Promise<Unit[]> {
  const units = new Map<string, Promise<Unit | null>>();
  const departments = new Map<string, Promise<Department | null>>();
  const errors: FieldError[] = [];
  const resolved: Unit[] = [];
  // Every distinct name is looked up once, and all of them at once: one round trip, not one per name.
  const lookups = forms.map((form) => ({
    unit: memo(units, form.implementingUnit, (name) => organisations.findUnitByName(name)),
    department: form.department
      ? memo(departments, form.department, (name) => organisations.findDepartmentByName(name))
      : null,
  }));
  for (const [at, form] of forms.entries()) {
    const where = `第${form.index}张申报表（${form.projectName}）`;
    const unit = await lookups[at]!.unit;
    const department = await lookups[at]!.department;
    if (!unit) {
      errors.push(
        refusal(at, 'implementingUnit', 'UNKNOWN_UNIT', `${where}的实施单位“${form.implementingUnit}”不存在`),
      );
    }
    if (form.department && !department) {
      errors.push(refusal(at, 'department', 'UNKNOWN_DEPARTMENT', `${where}的主管部门“${form.department}”不存在`));
    } else if (unit && department && unit.departmentId !== department.id) {
      const message = `${where}的实施单位“${unit.name}”不属于主管部门“${department.name}”`;
      errors.push(refusal(at, 'department', 'UNIT_NOT_IN_DEPARTMENT', message));
    }
    if (unit) resolved.push(unit);
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', say('import.unknownUnits'), errors);
  }
  return resolved;
}

/** A preparer imports a file only when every form in it is their own unit's; nothing is written otherwise. */
export function assertUnitsAllowed(actor: Actor, forms: readonly PlannedForm[]): void {
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
            `第${form.index}张申报表（${form.projectName}）属于“${form.unit.name}”，不是您的单位`,
          ),
        ],
  );
  if (foreign.length > 0) {
    throw new AppError('FORBIDDEN', say('import.foreign'), foreign);
  }
}

/** Paths point into the `forms` array of `forms parse` (0-based); messages count forms from 1. */
function refusal(at: number, field: string, code: string, message: string): FieldError {
  return { path: `forms[${at}].${field}`, code, message };
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: (key: string) => Promise<T>): Promise<T> {
  let hit = cache.get(key);
  if (!hit) {
    cache.set(key, (hit = load(key)));
    // Awaited later, in file order: a failure meanwhile must not count as unhandled.
    hit.catch(() => undefined);
  }
  return hit;
}
