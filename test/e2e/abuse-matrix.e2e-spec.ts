import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ROLES, type Role } from '@app/identity/roles';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { seedPeople } from '../support/declarations.js';
import { formsOfUnits } from '../support/forms.js';
import { CALLER_OF, MatrixFixtures, type Scope } from '../support/matrix-fixtures.js';
import { ROUTE_REQUESTS, type Cell } from '../support/route-requests.js';
import { isDocsRoute, isStaticRoute, servedRoutes } from '../support/route-table.js';

/** A status for both scopes, or [inside the caller's scope, another department's]. */
type Expect = number | [own: number, other: number];
type Row = [
  preparer: Expect,
  reviewer: Expect,
  signer: Expect,
  finance: Expect,
  auditor: Expect,
  admin: Expect,
  budgetOfficer: Expect,
  noToken: number,
];

const PUBLIC: Row = [200, 200, 200, 200, 200, 200, 200, 200];
const SIGNED_IN: Row = [200, 200, 200, 200, 200, 200, 200, 401];
/** Whoever may read the declaration; outside the scope 404, as for an id that does not exist. */
const READ: Row = [[200, 404], [200, 404], [200, 404], 200, 200, 200, 404, 401];
/** A draft's content: its unit's preparer and admins; readers who may not write get 403. */
const EDIT: Row = [[200, 404], [403, 404], [403, 404], 403, 403, 200, 404, 401];
/** Submit, withdraw and amend: the unit's preparer only. */
const PREPARER_ACTION: Row = [[200, 404], [403, 404], [403, 404], 403, 403, 403, 404, 401];
/** Approve, return and reject, each reviewer asked at their own stage. */
const REVIEW: Row = [[403, 404], [200, 404], [200, 404], 200, 403, 403, 404, 401];
const AUDIT: Row = [403, 403, 403, 403, 200, 200, 403, 401];
/** One's own things only (a notice): anyone else's is not found. */
const OWN_ONLY: Row = [[200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], 401];
const ADMIN = (status: number): Row => [403, 403, 403, 403, 403, status, 403, 401];
/** The budget office's settings: admins and budget officers write them, auditors read them too. */
const SEASON_READ: Row = [403, 403, 403, 403, 200, 200, 200, 401];
const SEASON_WRITE: Row = [403, 403, 403, 403, 403, 200, 200, 401];

// Every route the server answers, except Swagger's own files. A new route fails the first test below
// until it is given a row here (and a request in test/support/route-requests.ts).
// prettier-ignore
const EXPECTED: Record<string, Row> = {
  'GET /health/live':                                 PUBLIC,
  'GET /health/ready':                                PUBLIC,
  'GET /metrics':                                     PUBLIC,
  'POST /auth/token':                                 PUBLIC,
  'POST /auth/session':                               PUBLIC, // sets the console's session cookie
  'POST /auth/logout':                                [204, 204, 204, 204, 204, 204, 204, 204], // clears it, session or not
  'GET /':                                            [302, 302, 302, 302, 302, 302, 302, 302], // to the console
  'GET /auth/me':                                     SIGNED_IN,
  'GET /organisations':                               SIGNED_IN,
  'POST /users':                                      ADMIN(201),
  'GET /users':                                       ADMIN(200),
  'GET /users/:id':                                   ADMIN(200),
  'PATCH /users/:id':                                 ADMIN(200),
  'GET /users/:id/history':                           AUDIT, // what was recorded of a user
  'POST /declarations':                               [[201, 403], 403, 403, 403, 403, 201, 403, 401],
  'GET /declarations/:id':                            READ,
  'GET /declarations/:id/checks':                     READ,
  'GET /declarations/:id/revisions':                  READ,
  'GET /declarations/:id/history':                    READ,
  'GET /declarations/:id/diff':                       READ,
  'GET /declarations/:id/form.xlsx':                  READ,
  'GET /declarations/form.xlsx':                      READ,
  'PATCH /declarations/:id':                          EDIT,
  'POST /declarations/:id/indicators':                EDIT,
  'PATCH /declarations/:id/indicators/:indicatorId':  EDIT,
  'DELETE /declarations/:id/indicators/:indicatorId': EDIT,
  'POST /declarations/:id/submit':                    PREPARER_ACTION,
  'POST /declarations/:id/withdraw':                  PREPARER_ACTION,
  'POST /declarations/:id/amend':                     PREPARER_ACTION,
  'POST /declarations/:id/discard':                   EDIT, // 作废: the unit's preparer or an admin
  'POST /declarations/:id/approve':                   REVIEW,
  'POST /declarations/:id/return':                    REVIEW,
  'POST /declarations/:id/reject':                    REVIEW,
  'POST /imports':                                    [[202, 403], 403, 403, 403, 403, 202, 403, 401],
  'GET /imports/:id':                                 [[200, 404], 404, 404, 404, 404, 200, 404, 401],
  'GET /declarations':                                SIGNED_IN, // lists and queues: filtered to the scope
  'GET /inbox':                                       SIGNED_IN,
  'GET /stats':                                       SIGNED_IN,
  'GET /indicators':                                  SIGNED_IN,
  'GET /audit/verify':                                AUDIT,
  'GET /audit/export':                                AUDIT,
  'GET /audit/keys':                                  SIGNED_IN, // public keys: units check receipts with them
  'GET /audit/checkpoints':                           AUDIT,
  'POST /audit/checkpoints':                          AUDIT,
  'GET /audit/proof/inclusion':                       [403, 403, 403, 403, 404, 404, 403, 401], // no such tree size
  'GET /audit/proof/consistency':                     [403, 403, 403, 403, 404, 404, 403, 401],
  'GET /declarations/:id/receipt':                    READ, // of a confirmed declaration
  'GET /notifications':                               SIGNED_IN, // one's own notices
  'GET /notifications/unread-count':                  SIGNED_IN,
  'POST /notifications/:id/read':                     OWN_ONLY,
  'GET /admin/notices/deliveries':                    ADMIN(200),
  'POST /admin/notices/deliveries/:id/retry':         ADMIN(404), // no webhook is set here: no such delivery
  'POST /admin/deadlines/reschedule':                 ADMIN(202),
  'GET /admin/read-models':                           ADMIN(200),
  'POST /admin/read-models/:name/rebuild':            [403, 403, 403, 403, 403, [202, 409], 403, 401], // one at a time
  'POST /admin/read-models/:name/parked/:streamId/retry': ADMIN(404), // nothing is parked here
  'GET /admin/budget-years/:year':                    SEASON_READ,
  'PUT /admin/budget-years/:year':                    SEASON_WRITE,
  'GET /admin/calendars/:year':                       SEASON_READ,
  'PUT /admin/calendars/:year':                       SEASON_WRITE,
};

const COLUMNS = [...ROLES, 'no token'] as const;
type Outcome = Record<string, number | string>;

/** The row as the outcome it predicts: `{ preparer: { own, other }, …, 'no token': n }`. */
function predicted(row: Row): Outcome {
  return Object.fromEntries(
    COLUMNS.flatMap((column, at) => {
      const cell = row[at]!;
      if (column === 'no token') return [[column, cell as number]];
      const [own, other] = typeof cell === 'number' ? [cell, cell] : cell;
      return [
        [`${column} own`, own],
        [`${column} other`, other],
      ];
    }),
  );
}

describe('the authorization matrix: every route × every role × own and other scope', () => {
  const api = useApi();
  let tokens: Record<string, string>;
  let fixtures: MatrixFixtures;
  const userIds: Record<string, string> = {};
  const importIds = {} as Record<Scope, string>;
  const files = {} as Record<Scope, Buffer>;

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    fixtures = new MatrixFixtures(api.app, tokens, api.config);
    const http = () => request(api.app.getHttpServer());
    const users = await http().get('/users').set(bearer(tokens.admin!)).expect(200);
    for (const user of users.body as { id: string; username: string }[]) userIds[user.username] = user.id;
    files.own = formsOfUnits((unit) => unit.includes('本级'));
    files.other = formsOfUnits((unit) => unit.includes('就业促进中心'));
    for (const [scope, who] of [
      ['own', 'preparer'],
      ['other', 'admin'],
    ] as const) {
      const upload = await http().post('/imports').set(bearer(tokens[who]!)).attach('file', files[scope], 'f.txt');
      importIds[scope] = (upload.body as { id: string }).id;
    }
  });

  afterAll(async () => {
    await fixtures?.close();
  });

  /** `settled` runs once a fixture is made, so the footprint is taken after it. */
  function cell(role: Role | null, scope: Scope, fresh: boolean, settled: () => Promise<void>): Cell {
    const token = role === null ? null : tokens[CALLER_OF[role]]!;
    return {
      role,
      scope,
      call: (method, path) => {
        const test = request(api.app.getHttpServer())[method](path);
        return token === null ? test : test.set(bearer(token));
      },
      target: async (state) => {
        const target = await fixtures.declaration(scope, state, fresh);
        await settled();
        return target;
      },
      userId: () => userIds[scope === 'own' ? CALLER_OF[role ?? 'preparer'] : 'other-preparer']!,
      importId: () => importIds[scope],
      formsFile: () => files[scope],
      noticeId: async () => {
        const noticeId = await fixtures.notice(
          userIds[scope === 'own' ? CALLER_OF[role ?? 'preparer'] : 'other-preparer']!,
        );
        await settled();
        return noticeId;
      },
    };
  }

  /** The status, or what went wrong besides: a refusal that wrote something. */
  async function outcome(route: string, role: Role | null, scope: Scope, expected: number): Promise<number | string> {
    const fresh = !route.startsWith('GET ') && expected < 300;
    let before = await fixtures.footprint();
    const settled = async () => void (before = await fixtures.footprint());
    const response = await ROUTE_REQUESTS[route]!(cell(role, scope, fresh, settled));
    if (response.status >= 500) return `${response.status} ${JSON.stringify(response.body)}`;
    if (response.status >= 400 && (await fixtures.footprint()) !== before) return `${response.status}, yet it wrote`;
    return response.status;
  }

  it('has a row for every route the server answers, and no row for a route it does not', () => {
    const served = servedRoutes(api.app).filter((route) => !isDocsRoute(route) && !isStaticRoute(route));
    expect(served.filter((route) => !(route in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((route) => !served.includes(route))).toEqual([]);
    expect(Object.keys(ROUTE_REQUESTS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('leaves Swagger’s own routes and the console’s files public and read-only', async () => {
    for (const route of servedRoutes(api.app).filter((r) => isDocsRoute(r) || isStaticRoute(r))) {
      const response = await request(api.app.getHttpServer()).get(route.slice('GET '.length));
      expect([route, response.status < 500 && response.status !== 401]).toEqual([route, true]);
    }
  });

  it.each(Object.entries(EXPECTED))('%s', async (route, row) => {
    const want = predicted(row);
    const got: Outcome = {};
    for (const role of ROLES) {
      for (const scope of ['own', 'other'] as const) {
        got[`${role} ${scope}`] = await outcome(route, role, scope, want[`${role} ${scope}`] as number);
      }
    }
    got['no token'] = await outcome(route, null, 'own', want['no token'] as number);
    expect(got).toEqual(want);
  });
});
