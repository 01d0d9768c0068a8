import type { Actor } from '@app/identity/roles';
import type { Declaration } from './domain/index.js';

/**
 * Who may read a declaration: a preparer their unit's, a reviewer or signer their department's,
 * the finance bureau, auditors and admins every one, the budget office (budget_officer) none. Outside this, a declaration answers 404,
 * so ids cannot be probed.
 */
export function mayRead(actor: Actor, declaration: Pick<Declaration, 'unitId' | 'departmentId'>): boolean {
  switch (actor.role) {
    case 'preparer':
      return actor.unitId === declaration.unitId;
    case 'department_reviewer':
    case 'bureau_signer':
      return actor.departmentId === declaration.departmentId;
    case 'finance_officer':
    case 'auditor':
    case 'admin':
      return true;
    case 'budget_officer':
      return false;
  }
}
