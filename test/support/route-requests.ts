import type request from 'supertest';
import type { Status } from '@app/declarations';
import type { Role } from '@app/identity/roles';
import { soundBody } from './declarations.js';
import { UNIT_OF, type Scope, type Target } from './matrix-fixtures.js';

/** One cell of the matrix: a caller (null: no token) asking about something in `scope`. */
export interface Cell {
  role: Role | null;
  scope: Scope;
  /** The request, with the caller's token if any. */
  call(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string): request.Test;
  /** A declaration of the cell's scope in `state` (a fresh one when the request is expected to write). */
  target(state: Status): Promise<Target>;
  /** `own`: the caller's own user id; `other`: someone else's. */
  userId(): string;
  /** `own`: an import the preparer uploaded; `other`: one an admin uploaded. */
  importId(): string;
  /** `own`: the forms of 本级; `other`: those of another unit (就业促进中心). */
  formsFile(): Buffer;
  /** A fresh notice: `own`, the caller's; `other`, someone else's. */
  noticeId(): Promise<string>;
}

/** Sends the request (a supertest Test is sent when awaited). */
export type Build = (cell: Cell) => PromiseLike<request.Response>;

/** The stage each reviewing role acts at; the others are asked at the first one. */
const STAGE_OF: Partial<Record<Role, Status>> = {
  department_reviewer: 'departmental_review',
  bureau_signer: 'bureau_signoff',
  finance_officer: 'finance_confirmation',
};
const atOwnStage = (role: Role | null): Status => (role && STAGE_OF[role]) ?? 'departmental_review';

let serial = 0;

const get =
  (path: string): Build =>
  (c) =>
    c.call('get', path);

const read =
  (suffix: string, state: Status = 'departmental_review'): Build =>
  async (c) =>
    c.call('get', `/declarations/${(await c.target(state)).id}${suffix}`);

/** A change to a declaration in `state`, sent with the version it has (If-Match). */
const change =
  (
    method: 'post' | 'patch' | 'delete',
    suffix: (t: Target) => string,
    state: Status | ((role: Role | null) => Status),
    body?: object,
  ): Build =>
  async (c) => {
    const target = await c.target(typeof state === 'function' ? state(c.role) : state);
    const test = c.call(method, `/declarations/${target.id}${suffix(target)}`).set('If-Match', `"${target.version}"`);
    return body === undefined ? test : test.send(body);
  };

const action = (name: string, state: Status | ((role: Role | null) => Status), comment = '矩阵') =>
  change('post', () => `/${name}`, state, { comment });

const SEASON_CYCLE = {
  submissionDeadline: '2030-10-31',
  submissionReminderDays: 10,
  stageLimits: { departmental_review: 5, bureau_signoff: 3, finance_confirmation: 10 },
};
const SEASON_CALENDAR = {
  source: '矩阵测试',
  holidays: [{ name: '元旦', from: '2031-01-01', to: '2031-01-01' }],
  workdays: [],
};

const INDICATOR = { level1: '产出指标', level2: '数量指标', name: '矩阵指标', target: '≥1(次)' };

/** How to ask each route, keyed like the expectation table (`METHOD /express/path`). */
export const ROUTE_REQUESTS: Record<string, Build> = {
  'GET /health/live': get('/health/live'),
  'GET /health/ready': get('/health/ready'),
  'GET /metrics': get('/metrics'),
  'POST /auth/token': (c) => c.call('post', '/auth/token').send({ username: 'admin', password: 'admin-demo' }),
  'GET /auth/me': get('/auth/me'),
  'POST /auth/session': (c) => c.call('post', '/auth/session').send({ username: 'admin', password: 'admin-demo' }),
  'POST /auth/logout': (c) => c.call('post', '/auth/logout'),
  'GET /': get('/'),
  'POST /users': (c) =>
    c.call('post', '/users').send({
      username: `matrix-${++serial}`,
      password: 'matrix-password',
      role: 'preparer',
      unitId: UNIT_OF[c.scope],
    }),
  'GET /users': get('/users'),
  'GET /users/:id': (c) => c.call('get', `/users/${c.userId()}`),
  'GET /users/:id/history': (c) => c.call('get', `/users/${c.userId()}/history`),
  'PATCH /users/:id': (c) => c.call('patch', `/users/${c.userId()}`).send({ displayName: `矩阵 ${++serial}` }),
  'GET /organisations': get('/organisations'),
  'GET /declarations/form.xlsx': (c) => c.call('get', `/declarations/form.xlsx?unit=${UNIT_OF[c.scope]}&year=2025`),
  'GET /declarations/:id/form.xlsx': read('/form.xlsx'),
  'POST /declarations': (c) => c.call('post', '/declarations').send(soundBody({ unit: UNIT_OF[c.scope] })),
  'GET /declarations/:id': read(''),
  'PATCH /declarations/:id': change('patch', () => '', 'draft', { annualGoal: '矩阵测试' }),
  'POST /declarations/:id/indicators': change('post', () => '/indicators', 'draft', INDICATOR),
  'PATCH /declarations/:id/indicators/:indicatorId': change('patch', (t) => `/indicators/${t.indicatorId}`, 'draft', {
    target: '≤100(元/人/年)',
  }),
  'DELETE /declarations/:id/indicators/:indicatorId': change('delete', (t) => `/indicators/${t.indicatorId}`, 'draft'),
  'GET /declarations/:id/checks': read('/checks'),
  'GET /declarations/:id/revisions': read('/revisions'),
  'POST /declarations/:id/submit': action('submit', 'draft'),
  'POST /declarations/:id/withdraw': action('withdraw', 'departmental_review'),
  'POST /declarations/:id/approve': action('approve', atOwnStage),
  'POST /declarations/:id/return': action('return', atOwnStage),
  'POST /declarations/:id/reject': action('reject', atOwnStage),
  'POST /declarations/:id/amend': action('amend', 'confirmed'),
  'POST /declarations/:id/discard': action('discard', 'draft'),
  'POST /imports': (c) => c.call('post', '/imports').attach('file', c.formsFile(), 'forms.txt'),
  'GET /imports/:id': (c) => c.call('get', `/imports/${c.importId()}`),
  'GET /declarations/:id/history': read('/history'),
  'GET /declarations/:id/diff': read('/diff?from=1&to=2'),
  'GET /audit/verify': async (c) =>
    c.call('get', `/audit/verify?declarationId=${(await c.target('departmental_review')).id}`),
  'GET /audit/export': get('/audit/export?format=csv'),
  'GET /audit/keys': get('/audit/keys'),
  'GET /audit/checkpoints': get('/audit/checkpoints'),
  'POST /audit/checkpoints': (c) => c.call('post', '/audit/checkpoints'),
  'GET /audit/proof/inclusion': get('/audit/proof/inclusion?position=1&treeSize=999999'),
  'GET /audit/proof/consistency': get('/audit/proof/consistency?from=1&to=999999'),
  'GET /declarations/:id/receipt': read('/receipt', 'confirmed'),
  'GET /declarations': (c) => c.call('get', `/declarations?unit=${UNIT_OF[c.scope]}`),
  'GET /inbox': get('/inbox?queue=todo'),
  'GET /stats': (c) => c.call('get', `/stats?unit=${UNIT_OF[c.scope]}`),
  'GET /indicators': (c) => c.call('get', `/indicators?unit=${UNIT_OF[c.scope]}`),
  'GET /notifications': get('/notifications'),
  'GET /notifications/unread-count': get('/notifications/unread-count'),
  'POST /notifications/:id/read': async (c) => c.call('post', `/notifications/${await c.noticeId()}/read`),
  'GET /admin/notices/deliveries': get('/admin/notices/deliveries'),
  'POST /admin/notices/deliveries/:id/retry': async (c) =>
    c.call('post', `/admin/notices/deliveries/${await c.noticeId()}-webhook/retry`),
  'POST /admin/deadlines/reschedule': (c) => c.call('post', '/admin/deadlines/reschedule'),
  'GET /admin/read-models': get('/admin/read-models'),
  'POST /admin/read-models/:name/rebuild': (c) => c.call('post', '/admin/read-models/declarations/rebuild'),
  'POST /admin/read-models/:name/parked/:streamId/retry': async (c) =>
    c.call('post', `/admin/read-models/declarations/parked/declaration-${(await c.target('draft')).id}/retry`),
  'GET /admin/budget-years/:year': get('/admin/budget-years/2026'),
  // A year no other test reads, so the matrix's writes change no deadline it relies on.
  'PUT /admin/budget-years/:year': (c) => c.call('put', '/admin/budget-years/2031').send(SEASON_CYCLE),
  'GET /admin/calendars/:year': get('/admin/calendars/2026'),
  'PUT /admin/calendars/:year': (c) => c.call('put', '/admin/calendars/2031').send(SEASON_CALENDAR),
};
