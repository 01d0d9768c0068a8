import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { DeclarationsProjection } from '@app/declarations';
import { exportQuerySchema, verifyQuerySchema } from '../../apps/api/src/audit/audit.schemas.js';
import { readQuerySchema } from '../../apps/api/src/declarations/declaration.schemas.js';
import { diffQuerySchema } from '../../apps/api/src/declarations/history.schemas.js';
import {
  indicatorsQuerySchema,
  inboxQuerySchema,
  listQuerySchema,
  statsQuerySchema,
} from '../../apps/api/src/read-models/read-model.schemas.js';
import { deliveriesQuerySchema, notificationsQuerySchema } from '../../apps/api/src/notices/notices.schemas.js';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';
import { catchUpFully } from '../support/read-models.js';
import { isDocsRoute, isStaticRoute, servedRoutes } from '../support/route-table.js';

const QUERY_STRINGS = [
  "' OR 1=1 --",
  '1; DROP TABLE events; --',
  "2025' OR '1'='1",
  '%',
  '_',
  '\\',
  '%_\\',
  '\u0000',
  '__proto__',
  '１２３',
  '长'.repeat(300),
];
const keysOf = (schema: z.ZodObject) => Object.keys(schema.shape);

/** Every GET route with a query, its parameters (from its schema), and the valid ones it needs besides. */
const FILTERED: [route: string, keys: string[], base: string][] = [
  ['GET /declarations', keysOf(listQuerySchema), ''],
  ['GET /inbox', keysOf(inboxQuerySchema), ''],
  ['GET /stats', keysOf(statsQuerySchema), ''],
  ['GET /indicators', keysOf(indicatorsQuerySchema), ''],
  ['GET /audit/export', keysOf(exportQuerySchema), ''],
  ['GET /audit/verify', keysOf(verifyQuerySchema), ''],
  ['GET /declarations/:id', keysOf(readQuerySchema), ''],
  ['GET /declarations/:id/form.xlsx', keysOf(readQuerySchema), ''],
  ['GET /declarations/:id/diff', keysOf(diffQuerySchema), 'from=1'],
  ['GET /declarations/form.xlsx', ['unit', 'year'], 'unit=sj-hrss-bureau&year=2025'],
  ['GET /notifications', keysOf(notificationsQuerySchema), ''],
  ['GET /admin/notices/deliveries', keysOf(deliveriesQuerySchema), ''],
  ['GET /audit/proof/inclusion', ['position', 'treeSize'], ''],
  ['GET /audit/proof/consistency', ['from', 'to'], ''],
];
/** GET routes whose query means nothing (it is ignored or refused alike). */
const UNFILTERED = [
  '/',
  '/health/live',
  '/health/ready',
  '/metrics',
  '/auth/me',
  '/organisations',
  '/users',
  '/users/:id',
  '/users/:id/history',
]
  .concat(['/declarations/:id/checks', '/declarations/:id/revisions', '/declarations/:id/history', '/imports/:id'])
  .concat(['/admin/read-models', '/notifications/unread-count'])
  .concat(['/declarations/:id/receipt', '/audit/keys', '/audit/checkpoints'])
  .concat(['/admin/budget-years/:year', '/admin/calendars/:year'])
  .map((path) => `GET ${path}`);

describe('SQL-looking and wildcard strings in every filter and path parameter', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());
  let tokens: Record<string, string>;
  const ids: Record<string, string> = {};
  const get = (who: string, path: string) => http().get(path).set(bearer(tokens[who]!));
  const names = async (who: string, path: string) =>
    ((await get(who, path).expect(200)).body.items as { projectName: string }[]).map((i) => i.projectName).sort();

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    const preparer = client(api.app, tokens.preparer!);
    const indicator = { level1: '效益指标', level2: '社会效益指标', name: '完成率%', target: '≥90(%)' };
    for (const name of ['100%完成', 'a_b项目', '路径\\备份', '普通项目']) {
      const extra = name === '100%完成' ? [indicator] : [];
      const body = soundBody({ projectName: name, indicators: [...(soundBody().indicators as object[]), ...extra] });
      ids[name] = (await preparer.create(body).expect(201)).body.id as string;
    }
    await client(api.app, tokens['other-preparer']!)
      .create(soundBody({ projectName: '他人项目' }))
      .expect(201);
    ids.indicator = (await preparer.get(ids['普通项目']!).expect(200)).body.indicators[0].id as string;
    await catchUpFully(api.app.get(DataSource), new DeclarationsProjection());
  });

  it('covers every GET route that takes a query', () => {
    const gets = servedRoutes(api.app).filter(
      (route) => route.startsWith('GET ') && !isDocsRoute(route) && !isStaticRoute(route),
    );
    const covered = [...FILTERED.map(([route]) => route), ...UNFILTERED];
    expect(gets.filter((route) => !covered.includes(route))).toEqual([]);
  });

  it.each(FILTERED)('%s answers 200, 400 or 404 to them in every parameter, never a 500', async (route, keys, base) => {
    const path = route.slice('GET '.length).replace(':id', ids['普通项目']!);
    const wrong: string[] = [];
    for (const key of keys) {
      const values = QUERY_STRINGS.map((v) => `${key}=${encodeURIComponent(v)}`);
      // The parameter under test replaces its valid value in `base`, if it has one.
      const others = base.split('&').filter((pair) => pair !== '' && !pair.startsWith(`${key}=`));
      for (const query of [...values, `${key}[]=a&${key}[]=b`, `${key}[a]=1`, `${key}[__proto__][x]=1`]) {
        const response = await get('admin', `${path}?${[...others, query].join('&')}`);
        if (![200, 400, 404].includes(response.status)) wrong.push(`${query}: ${response.status}`);
        else if (response.status >= 400 && typeof response.body.code !== 'string') wrong.push(`${query}: no code`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers them in every path parameter of every route with a 4xx, never a 500', async () => {
    const valid: Record<string, string> = { ':id': ids['普通项目']!, ':indicatorId': ids.indicator!, ':name': 'x' };
    const wrong: string[] = [];
    for (const route of servedRoutes(api.app)) {
      const [method, template] = route.split(' ') as [string, string];
      for (const param of template.match(/:[A-Za-z]+/g) ?? []) {
        for (const nasty of [...QUERY_STRINGS, '..', '%2e%2e%2f']) {
          const path = template.replace(/:[A-Za-z]+/g, (p) => (p === param ? encodeURIComponent(nasty) : valid[p]!));
          const response = await http()
            [method.toLowerCase() as 'get'](path)
            .set(bearer(tokens.admin!))
            .set('If-Match', '"1"')
            .send(method === 'GET' || method === 'DELETE' ? undefined : { comment: '测' });
          if (response.status >= 500 || response.status < 400)
            wrong.push(`${route} ${param}=${nasty}: ${response.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('matches % _ and \\ literally in a search, never as wildcards', async () => {
    expect(await names('admin', `/declarations?q=${encodeURIComponent('%')}`)).toEqual(['100%完成']);
    expect(await names('admin', `/declarations?q=_`)).toEqual(['a_b项目']);
    expect(await names('admin', `/declarations?q=${encodeURIComponent('\\')}`)).toEqual(['路径\\备份']);
    expect(await names('admin', `/declarations?q=${encodeURIComponent("' OR 1=1 --")}`)).toEqual([]);
    const indicators = await get('admin', `/indicators?q=${encodeURIComponent('%')}`).expect(200);
    expect(indicators.body.items.map((i: { name: string }) => i.name)).toEqual(['完成率%']);
  });

  it('never widens a filter past its value, nor a caller past their scope', async () => {
    for (const key of ['unit', 'department', 'category']) {
      const response = await get('admin', `/declarations?${key}=${encodeURIComponent("x' OR '1'='1")}`).expect(200);
      expect([key, response.body.total]).toEqual([key, 0]);
    }
    expect(await names('preparer', '/declarations?unit=other-unit')).toEqual([]);
    expect(await names('preparer', '/declarations?department=other-dept')).toEqual([]);
    expect((await get('preparer', '/indicators?unit=other-unit').expect(200)).body.total).toBe(0);
    expect(await names('other-preparer', `/declarations?q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await names('other-preparer', `/declarations?q=${encodeURIComponent("' OR ''='")}`)).toEqual([]);
    expect(await names('other-preparer', '/declarations')).toEqual(['他人项目']);
  });
});
