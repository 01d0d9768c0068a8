import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import type { Status } from '@app/declarations';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { seedPeople, soundBody, versionOf } from '../support/declarations.js';
import { hostileBody, objectText, SWEEP_STRINGS, withField } from '../support/hostile.js';
import { MatrixFixtures, type Target } from '../support/matrix-fixtures.js';
import { servedRoutes } from '../support/route-table.js';

const RUNS = 50;
/** Replaced by a new username in every request, so a created user never makes the next one a conflict. */
const UNIQUE = 'unique-username';
let serial = 0;

interface FuzzTarget {
  /** Who sends it: the caller who gets furthest past validation (null: no token). */
  caller: string | null;
  /** The declaration it is about, and the state it starts in. */
  declaration?: Status;
  keys: readonly string[];
  valid?: Record<string, unknown>;
}

const INDICATOR_KEYS = ['level1', 'level2', 'name', 'target'];
const BASIC_KEYS = ['year', 'projectName', 'nature', 'category', 'plannedStart', 'plannedEnd', 'overallGoal'];
const DECLARATION_KEYS = [...BASIC_KEYS, 'annualGoal', 'funds', 'unit', 'indicators'];
const USER_KEYS = ['username', 'password', 'role', 'displayName', 'unitId', 'departmentId', 'active'];
const ACTION = (state: Status, caller = 'preparer'): FuzzTarget => ({
  caller,
  declaration: state,
  keys: ['comment'],
  valid: { comment: '同意' },
});
/** A reviewer's action: also opinions per row and (at departmental review) a grade. */
const REVIEW_ACTION = (state: Status, caller: string): FuzzTarget => ({
  ...ACTION(state, caller),
  keys: ['comment', 'opinions', 'grade'],
});

/** Every route that takes a JSON body, and how to reach it (`:id` is a fresh declaration's, or a user's). */
const TARGETS: Record<string, FuzzTarget> = {
  'POST /auth/token': {
    caller: null,
    keys: ['username', 'password'],
    valid: { username: 'admin', password: 'wrong-password' },
  },
  'POST /auth/session': {
    caller: null,
    keys: ['username', 'password'],
    valid: { username: 'admin', password: 'wrong-password' },
  },
  'POST /users': {
    caller: 'admin',
    keys: USER_KEYS,
    valid: { username: UNIQUE, password: 'long-enough', role: 'preparer', unitId: 'sj-hrss-bureau', displayName: '新' },
  },
  'PATCH /users/:id': {
    caller: 'admin',
    keys: USER_KEYS,
    valid: { displayName: '改名' },
  },
  'POST /declarations': { caller: 'preparer', keys: DECLARATION_KEYS, valid: soundBody() },
  'PATCH /declarations/:id': {
    caller: 'preparer',
    declaration: 'draft',
    keys: DECLARATION_KEYS,
    valid: { annualGoal: '目标' },
  },
  'POST /declarations/:id/indicators': {
    caller: 'preparer',
    declaration: 'draft',
    keys: INDICATOR_KEYS,
    valid: { level1: '产出指标', level2: '数量指标', name: '指标', target: '≥1(次)' },
  },
  'PATCH /declarations/:id/indicators/:indicatorId': {
    caller: 'preparer',
    declaration: 'draft',
    keys: INDICATOR_KEYS,
    valid: { target: '≥1(次)' },
  },
  'POST /declarations/:id/submit': ACTION('draft'),
  'POST /declarations/:id/withdraw': ACTION('departmental_review'),
  'POST /declarations/:id/approve': REVIEW_ACTION('departmental_review', 'dept-reviewer'),
  'POST /declarations/:id/return': REVIEW_ACTION('departmental_review', 'dept-reviewer'),
  'POST /declarations/:id/reject': REVIEW_ACTION('departmental_review', 'dept-reviewer'),
  'POST /declarations/:id/amend': ACTION('confirmed'),
  'POST /declarations/:id/discard': ACTION('draft'),
  'PUT /admin/budget-years/:year': {
    caller: 'budget-officer',
    keys: ['submissionDeadline', 'submissionReminderDays', 'stageLimits', 'departmental_review', 'source'],
    valid: {
      submissionDeadline: '2031-10-31',
      submissionReminderDays: 10,
      stageLimits: { departmental_review: 5, bureau_signoff: 3, finance_confirmation: 10 },
    },
  },
  'PUT /admin/calendars/:year': {
    caller: 'budget-officer',
    keys: ['source', 'holidays', 'workdays', 'name', 'from', 'to', 'date'],
    valid: { source: '通知', holidays: [{ name: '元旦', from: '2032-01-01', to: '2032-01-01' }], workdays: [] },
  },
};
/** Writes that take no JSON body (a multipart upload, or nothing). */
const NO_JSON_BODY = [
  'POST /auth/logout',
  'POST /imports',
  'DELETE /declarations/:id/indicators/:indicatorId',
  'POST /admin/read-models/:name/rebuild',
  'POST /admin/read-models/:name/parked/:streamId/retry',
  'POST /notifications/:id/read',
  'POST /admin/deadlines/reschedule',
  'POST /admin/notices/deliveries/:id/retry',
  'POST /audit/checkpoints',
];

describe('fuzzing every JSON body: never a 5xx, and a refusal writes nothing', () => {
  // Failed sign-ins are what POST /auth/token is fuzzed with: no limit should stop them reaching the database.
  const api = useApi({ LOGIN_MAX_FAILURES_PER_USERNAME: '1000', LOGIN_MAX_FAILURES_PER_IP: '0' });
  let tokens: Record<string, string>;
  let fixtures: MatrixFixtures;
  const ids: Record<string, string> = {};
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    fixtures = new MatrixFixtures(api.app, tokens, api.config, { watchImports: false });
    const users = await http().get('/users').set(bearer(tokens.admin!)).expect(200);
    for (const user of users.body as { id: string; username: string }[]) ids[user.username] = user.id;
  });

  afterAll(async () => {
    await fixtures?.close();
  });

  it('fuzzes every write that takes a JSON body', () => {
    const writes = servedRoutes(api.app).filter((route) => !route.startsWith('GET '));
    expect(writes.filter((route) => !(route in TARGETS) && !NO_JSON_BODY.includes(route))).toEqual([]);
  });

  /** Sends one body; asserts no 5xx, and that a refusal wrote nothing and a success reads back whole. */
  async function attempt(route: string, declaration: Target | null, body: string): Promise<number> {
    const [method, template] = route.split(' ') as ['POST' | 'PATCH' | 'PUT', string];
    const target = TARGETS[route]!;
    const path = template.startsWith('/users/')
      ? template.replace(':id', ids['second-preparer']!)
      : template
          .replace(':id', declaration?.id ?? '')
          .replace(':indicatorId', declaration?.indicatorId ?? '')
          // The years of the valid bodies, which no other test reads.
          .replace(':year', template.includes('budget-years') ? '2031' : '2032');
    const before = await fixtures.footprint();
    const verb = ({ POST: 'post', PATCH: 'patch', PUT: 'put' } as const)[method];
    let call = http()[verb](path).set('Content-Type', 'application/json');
    if (target.caller) call = call.set(bearer(tokens[target.caller]!));
    if (declaration) call = call.set('If-Match', `"${declaration.version}"`);
    const response = await call.send(body.replaceAll(UNIQUE, `fuzz-${++serial}`));
    if (response.status >= 500) throw new Error(`${response.status} for ${body.slice(0, 200)}: ${response.text}`);
    if (response.status >= 400) {
      expect(response.body).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
        errors: expect.any(Array),
      });
      expect(await fixtures.footprint()).toBe(before);
    } else await expectWholeWrite(response, declaration);
    return response.status;
  }

  const fresh = (route: string) => {
    const state = TARGETS[route]!.declaration;
    return state ? fixtures.declaration('own', state, true) : Promise.resolve(null);
  };

  it.each(Object.keys(TARGETS))('%s, fuzzed', async (route) => {
    const target = TARGETS[route]!;
    const declaration = await fresh(route);
    await fc.assert(
      fc.asyncProperty(
        hostileBody(target.keys, target.valid),
        async (body) => void (await attempt(route, declaration, body)),
      ),
      { numRuns: RUNS },
    );
  });

  it.each(Object.keys(TARGETS))('%s, with a nasty string of each kind in every field', async (route) => {
    const target = TARGETS[route]!;
    let declaration = await fresh(route);
    // Every field the schema holds as text; the others (year, funds, indicators) refuse any string alike.
    const textFields = target.keys.filter((key) => ['string', 'undefined'].includes(typeof target.valid?.[key]));
    for (const field of textFields) {
      for (const nasty of SWEEP_STRINGS) {
        const status = await attempt(route, declaration, objectText(withField(target.valid ?? {}, field, nasty)));
        // A change that went through moved the declaration on: the next one starts from a fresh one.
        if (status < 300 && declaration) declaration = await fresh(route);
      }
    }
  });

  /** A write that succeeded reads back whole, at the version it answered with. */
  async function expectWholeWrite(response: request.Response, declaration: Target | null): Promise<void> {
    const location: string | undefined = response.headers.location;
    const id = declaration?.id ?? (location?.startsWith('/declarations/') ? location.split('/')[2] : undefined);
    if (!id) return;
    const read = await http().get(`/declarations/${id}`).set(bearer(tokens.admin!)).expect(200);
    expect(read.body.version).toBe(versionOf(response));
    if (declaration) declaration.version = versionOf(response);
  }
});
