import type { Declaration, User } from '../api/client';
import type { Action } from '../components/ActionDialog';

const STAGE_ROLE: Record<string, User['role']> = {
  departmental_review: 'department_reviewer',
  bureau_signoff: 'bureau_signer',
  finance_confirmation: 'finance_officer',
};

/** What buttons to offer; the server still decides (and says why not, as a 403 or 409). */
export function offeredActions(user: User, d: Declaration): Action[] {
  const mine = user.role === 'admin' || (user.role === 'preparer' && user.unitId === d.unit.id);
  if (STAGE_ROLE[d.state] === user.role) return ['approve', 'return', 'reject'];
  if (!mine) return [];
  // 作废: a draft never submitted, by its unit's preparer or an admin.
  const discard: Action[] = d.state === 'draft' && !d.everSubmitted ? ['discard'] : [];
  if (user.role !== 'preparer') return discard;
  if (d.state === 'draft') return ['submit', ...discard];
  if (d.state === 'departmental_review') return ['withdraw'];
  if (d.state === 'confirmed') return ['amend'];
  return [];
}

export function mayEdit(user: User, d: Declaration): boolean {
  if (d.state !== 'draft') return false;
  return user.role === 'admin' || (user.role === 'preparer' && user.unitId === d.unit.id);
}
