import type { Role } from './roles.js';
import type { FieldError } from '@app/platform';
import { say, type Text } from '@app/platform';

/** What a role's scope is bound to: one unit, one department, or nothing (it spans every department). */
export type ScopeKind = 'unit' | 'department' | 'none';

export const ROLE_SCOPE: Readonly<Record<Role, ScopeKind>> = {
  preparer: 'unit',
  department_reviewer: 'department',
  bureau_signer: 'department',
  finance_officer: 'none',
  auditor: 'none',
  admin: 'none',
  budget_officer: 'none',
};

export interface Scope {
  unitId: string | null;
  departmentId: string | null;
}

/**
 * The shape a role asks of its scope. A preparer may name a department, but it must be their
 * unit's (checked against the database); it is filled in from the unit otherwise.
 */
export function scopeErrors(role: Role, scope: Scope): FieldError[] {
  const kind = ROLE_SCOPE[role];
  const errors: FieldError[] = [];
  if (kind === 'unit' && scope.unitId === null) errors.push(required('unitId', role, say('scope.oneUnit')));
  if (kind === 'department' && scope.departmentId === null)
    errors.push(required('departmentId', role, say('scope.oneDepartment')));
  if (kind !== 'unit' && scope.unitId !== null) errors.push(notAllowed('unitId', role, say('scope.unit')));
  if (kind === 'none' && scope.departmentId !== null)
    errors.push(notAllowed('departmentId', role, say('scope.department')));
  return errors;
}

function required(path: string, role: Role, what: Text): FieldError {
  return { path, code: 'REQUIRED', message: say('field.scopeRequired', { role: say(`role.${role}`), what }) };
}

function notAllowed(path: string, role: Role, what: Text): FieldError {
  return {
    path,
    code: 'NOT_ALLOWED_FOR_ROLE',
    message: say('field.scopeNotAllowed', { role: say(`role.${role}`), what }),
  };
}
