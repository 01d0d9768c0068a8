import { describe, expect, it } from '@jest/globals';
import { ROLES } from './roles.js';
import { ROLE_SCOPE, scopeErrors } from './scope.js';

const unit = 'sj-hrss-bureau';
const department = 'sj-hrss';
const paths = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path}:${e.code}`);

describe('a role and its scope', () => {
  it('binds every role to a kind of scope', () => {
    expect(Object.keys(ROLE_SCOPE).sort()).toEqual([...ROLES].sort());
  });

  describe('a preparer', () => {
    it('belongs to a unit, with or without its department named', () => {
      expect(scopeErrors('preparer', { unitId: unit, departmentId: null })).toEqual([]);
      expect(scopeErrors('preparer', { unitId: unit, departmentId: department })).toEqual([]);
    });
    it('cannot go without one', () => {
      expect(paths(scopeErrors('preparer', { unitId: null, departmentId: department }))).toEqual(['unitId:REQUIRED']);
    });
  });

  describe.each(['department_reviewer', 'bureau_signer'] as const)('a %s', (role) => {
    it('belongs to a department and to no unit', () => {
      expect(scopeErrors(role, { unitId: null, departmentId: department })).toEqual([]);
      expect(paths(scopeErrors(role, { unitId: null, departmentId: null }))).toEqual(['departmentId:REQUIRED']);
      expect(paths(scopeErrors(role, { unitId: unit, departmentId: department }))).toEqual([
        'unitId:NOT_ALLOWED_FOR_ROLE',
      ]);
    });
  });

  describe.each(['finance_officer', 'auditor', 'admin'] as const)('a %s', (role) => {
    it('spans every department, so names neither a unit nor a department', () => {
      expect(scopeErrors(role, { unitId: null, departmentId: null })).toEqual([]);
      expect(paths(scopeErrors(role, { unitId: unit, departmentId: department }))).toEqual([
        'unitId:NOT_ALLOWED_FOR_ROLE',
        'departmentId:NOT_ALLOWED_FOR_ROLE',
      ]);
    });
  });
});
