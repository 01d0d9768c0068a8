import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Status } from '@app/declarations';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { seedPeople } from '../support/declarations.js';
import { MatrixFixtures } from '../support/matrix-fixtures.js';

type IfMatch = 'current' | 'stale' | 'none' | 'star';

/**
 * The right person at the wrong moment: the workflow says no (409), or the version they saw is
 * not the current one (412), or they did not say which (428). Each is refused whole: nothing written.
 */
// prettier-ignore
const CONFLICTS: [who: string, request: string, state: Status, ifMatch: IfMatch, status: number, code: string][] = [
  ['preparer',      'POST submit',   'departmental_review',  'current', 409, 'DECLARATION_ILLEGAL_TRANSITION'],
  ['preparer',      'POST withdraw', 'draft',                'current', 409, 'DECLARATION_ILLEGAL_TRANSITION'],
  ['preparer',      'POST withdraw', 'bureau_signoff',       'current', 409, 'DECLARATION_ILLEGAL_TRANSITION'],
  ['preparer',      'POST amend',    'departmental_review',  'current', 409, 'DECLARATION_ILLEGAL_TRANSITION'],
  ['preparer',      'PATCH ',        'departmental_review',  'current', 409, 'DECLARATION_ILLEGAL_TRANSITION'],
  ['preparer',      'PATCH ',        'confirmed',            'current', 409, 'DECLARATION_ILLEGAL_TRANSITION'],
  ['dept-reviewer', 'POST approve',  'draft',                'current', 409, 'DECLARATION_ILLEGAL_TRANSITION'],
  ['finance',       'POST return',   'confirmed',            'current', 409, 'DECLARATION_ILLEGAL_TRANSITION'],
  ['preparer',      'PATCH ',        'draft',                'stale',   412, 'VERSION_MISMATCH'],
  ['dept-reviewer', 'POST approve',  'departmental_review',  'stale',   412, 'VERSION_MISMATCH'],
  ['preparer',      'PATCH ',        'draft',                'none',    428, 'PRECONDITION_REQUIRED'],
  ['preparer',      'POST submit',   'draft',                'star',    428, 'PRECONDITION_REQUIRED'],
];

describe('the right caller at the wrong moment', () => {
  const api = useApi();
  let tokens: Record<string, string>;
  let fixtures: MatrixFixtures;

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    fixtures = new MatrixFixtures(api.app, tokens, api.config, { watchImports: false });
  });

  afterAll(async () => {
    await fixtures?.close();
  });

  it.each(CONFLICTS)(
    '%s: %s when %s (If-Match %s) → %i %s, writing nothing',
    async (who, what, state, ifMatch, status, code) => {
      const target = await fixtures.declaration('own', state, false);
      const [method, action] = what.split(' ') as ['POST' | 'PATCH', string];
      const path = `/declarations/${target.id}${action ? `/${action}` : ''}`;
      const before = await fixtures.footprint();
      let call = request(api.app.getHttpServer())[method === 'POST' ? 'post' : 'patch'](path).set(bearer(tokens[who]!));
      const header = { current: `"${target.version}"`, stale: `"${target.version - 1}"`, star: '*', none: null }[
        ifMatch
      ];
      if (header !== null) call = call.set('If-Match', header);
      const response = await call.send(method === 'PATCH' ? { annualGoal: '改' } : { comment: '理由' });
      expect([response.status, response.body.code]).toEqual([status, code]);
      expect(await fixtures.footprint()).toBe(before);
    },
  );
});
