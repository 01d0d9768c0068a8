import { describe, expect, it } from '@jest/globals';
import type { Declaration, User } from '../api/client';
import { offeredActions } from './permissions';

const user = (role: User['role'], unitId: string | null = null) => ({ role, unitId }) as User;
const declaration = (state: Declaration['state'], everSubmitted: boolean) =>
  ({ state, everSubmitted, unit: { id: 'unit-a', name: '甲单位' } }) as Declaration;

describe('the buttons offered on a declaration', () => {
  it('offers 作废 on a draft never submitted to its unit’s preparer and to an admin', () => {
    expect(offeredActions(user('preparer', 'unit-a'), declaration('draft', false))).toEqual(['submit', 'discard']);
    expect(offeredActions(user('admin'), declaration('draft', false))).toEqual(['discard']);
  });

  it('offers no 作废 once submitted, nor to anyone else', () => {
    expect(offeredActions(user('preparer', 'unit-a'), declaration('draft', true))).toEqual(['submit']);
    expect(offeredActions(user('admin'), declaration('draft', true))).toEqual([]);
    expect(offeredActions(user('preparer', 'unit-b'), declaration('draft', false))).toEqual([]);
    expect(offeredActions(user('department_reviewer'), declaration('draft', false))).toEqual([]);
    expect(offeredActions(user('preparer', 'unit-a'), declaration('discarded', false))).toEqual([]);
  });
});
