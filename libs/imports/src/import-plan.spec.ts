import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@app/identity/roles';
import type { Organisations } from '@app/identity';
import { render, type AppError, type Language } from '@app/platform';
import { assertMayImport, assertUnitsAllowed, resolveUnits, type PlannedForm } from './import-plan.js';
import { songjiangForms } from './imports.fixtures.js';

const actor = (role: Actor['role'], unitId: string | null = null): Actor => ({
  userId: `u-${role}`,
  role,
  unitId,
  departmentId: unitId ? 'sj-hrss' : null,
});
const form = (index: number, unitId: string): PlannedForm => ({
  index,
  projectName: `项目${index}`,
  unit: { id: unitId, name: `单位${unitId}` },
  content: {} as PlannedForm['content'],
  findings: [],
  possibleDuplicateOf: [],
  skipAsDuplicate: false,
});

/** Organisations that know the bureau's department and the units named in `units` (name → id). */
function organisations(units: Record<string, string>): Organisations {
  const found = <T>(names: readonly string[], of: (name: string) => T | null) =>
    Promise.resolve(new Map(names.flatMap((name) => (of(name) ? [[name, of(name)!] as const] : []))));
  return {
    findUnitsByNames: (names: readonly string[]) =>
      found(names, (name) => (units[name] ? { id: units[name], name, departmentId: 'sj-hrss' } : null)),
    findDepartmentsByNames: (names: readonly string[]) =>
      found(names, (name) => (name === '上海市松江区人力资源和社会保障局' ? { id: 'sj-hrss', name } : null)),
  } as unknown as Organisations;
}

describe('who may import which forms', () => {
  it('lets an admin import any unit’s forms', () => {
    expect(() => assertUnitsAllowed(actor('admin'), [form(1, 'a'), form(2, 'b')])).not.toThrow();
  });

  it('lets a preparer import a file of only their own unit’s forms', () => {
    expect(() => assertUnitsAllowed(actor('preparer', 'a'), [form(1, 'a'), form(2, 'a')])).not.toThrow();
  });

  it('refuses a preparer the whole file when one form is another unit’s, naming it', () => {
    const attempt = () => assertUnitsAllowed(actor('preparer', 'a'), [form(1, 'a'), form(2, 'b')]);
    expect(attempt).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(attempt).toThrow(
      expect.objectContaining({
        errors: [expect.objectContaining({ path: 'forms[1].implementingUnit', code: 'ACTOR_NOT_PREPARER_OF_UNIT' })],
      }),
    );
  });

  it.each(['department_reviewer', 'bureau_signer', 'finance_officer', 'auditor'] as const)('refuses a %s', (role) => {
    expect(() => assertMayImport(actor(role))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});

describe('finding each form’s unit', () => {
  const forms = songjiangForms().slice(0, 3);
  const printed = forms[0]!.implementingUnit;

  it('resolves the printed names', async () => {
    const units = await resolveUnits(forms, organisations({ [printed]: 'sj-hrss-bureau' }));
    expect(units.map((u) => u.id)).toEqual(['sj-hrss-bureau', 'sj-hrss-bureau', 'sj-hrss-bureau']);
  });

  it('refuses the file when a unit or a department is unknown, naming every such form', async () => {
    const strays = [
      forms[0]!,
      { ...forms[1]!, implementingUnit: '上海市松江区不存在中心' },
      { ...forms[2]!, department: '某局' },
    ];
    const refusal = resolveUnits(strays, organisations({ [printed]: 'sj-hrss-bureau' }));
    const error = (await refusal.then(
      () => undefined,
      (e: unknown) => e,
    )) as AppError;
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const said = (language: Language) =>
      error.errors.map(({ path, code, message }) => ({ path, code, message: render(message, language) }));
    expect(said('zh')).toEqual([
      {
        path: 'forms[1].implementingUnit',
        code: 'UNKNOWN_UNIT',
        message: `第2张申报表（${forms[1]!.projectName}）的实施单位“上海市松江区不存在中心”不存在`,
      },
      { path: 'forms[2].department', code: 'UNKNOWN_DEPARTMENT', message: expect.stringContaining('主管部门“某局”') },
    ]);
    expect(said('en')[0]!.message).toBe(
      `Form 2 (“${forms[1]!.projectName}”): there is no implementing unit “上海市松江区不存在中心”`,
    );
  });
});
