import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { InboxItem, InboxPage } from '@app/declarations';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { silentLogger, useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';

/**
 * The inbox's filters and sorts over HTTP. Every read here is at the same read-model position, so
 * an answer kept for one filter and handed out for another would show.
 */
describe('the inbox, filtered and sorted by the server', () => {
  const api = useApi();
  let worker: INestApplicationContext;
  let tokens: Record<string, string>;
  let lastPosition = '';
  const ids: Record<string, string> = {};

  const get = (who: string, path: string) => request(api.app.getHttpServer()).get(path).set(bearer(tokens[who]!));
  const inbox = async (query: string, who = 'dept-reviewer') =>
    (await get(who, `/inbox?${query}&after=${lastPosition}&waitMs=10000`).expect(200)).body as InboxPage;
  const names = async (query: string, who?: string) => (await inbox(query, who)).items.map((i) => i.projectName);
  const track = <T extends { headers: Record<string, string> }>(response: T): T => {
    lastPosition = response.headers['x-log-position'] ?? lastPosition;
    return response;
  };

  beforeAll(async () => {
    worker = await createWorker(api.config, silentLogger);
    tokens = await seedPeople(api.app);
    const as = (who: string) => client(api.app, tokens[who]!);
    const declare = async (who: string, key: string, body: Record<string, unknown>) => {
      ids[key] = track(await as(who).create(soundBody(body)).expect(201)).body.id as string;
      track(await as(who).act(ids[key], 'submit', 1).expect(200));
    };
    await declare('preparer', 'network', { projectName: '网络信息系统运行与维护' });
    const in2026 = { year: 2026, plannedStart: '2026-01-01', plannedEnd: '2026-12-31' };
    await declare('preparer', 'training', { projectName: '业务培训', ...in2026 });
    await declare('preparer', 'relations', { projectName: '劳动关系共建' });
    await declare('employment-preparer', 'employment', { projectName: '就业援助' });
    await declare('employment-preparer', 'returned', { projectName: '职业技能提升' });
    await declare('other-preparer', 'other', { projectName: '养老服务' });
    const reviewer = as('dept-reviewer');
    track(await reviewer.act(ids.network!, 'approve', 2, '同意').expect(200));
    track(await reviewer.act(ids.returned!, 'return', 2, '补充测算依据').expect(200));
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('answers the queue’s own order and counts without a filter', async () => {
    const page = await inbox('queue=todo');
    expect(page.items.map((i) => i.projectName)).toEqual(['业务培训', '劳动关系共建', '就业援助']);
    expect(page.counts).toEqual({ todo: 3, returned: 0, handled: 2 });
  });

  it('filters by budget year, and counts every queue under the filter', async () => {
    const page = await inbox('queue=todo&year=2026');
    expect(page.items.map((i) => i.projectName)).toEqual(['业务培训']);
    expect(page.counts).toEqual({ todo: 1, returned: 0, handled: 0 });
    expect(await names('queue=handled&year=2025')).toHaveLength(2);
  });

  it('filters by the unit tree: a unit, or a department with all its units', async () => {
    expect(await names('queue=todo&unit=sj-hrss-employment')).toEqual(['就业援助']);
    expect(await names('queue=todo&unit=sj-hrss-bureau')).toEqual(['业务培训', '劳动关系共建']);
    expect(await names('queue=todo&department=sj-hrss')).toEqual(['业务培训', '劳动关系共建', '就业援助']);
    // Another department's declarations stay out of reach, filter or not.
    expect(await names('queue=todo&department=other-dept')).toEqual([]);
    expect(await names('queue=todo&unit=other-unit')).toEqual([]);
  });

  it('filters by state, one or several', async () => {
    expect(await names('queue=handled&state=bureau_signoff')).toEqual(['网络信息系统运行与维护']);
    expect((await names('queue=handled&state=draft,bureau_signoff')).sort()).toEqual(
      ['网络信息系统运行与维护', '职业技能提升'].sort(),
    );
    expect(await names('queue=todo&state=bureau_signoff')).toEqual([]);
    expect(await names('queue=todo', 'bureau-signer')).toEqual(['网络信息系统运行与维护']);
  });

  it('filters by text as /declarations does: short and long, % and _ literal', async () => {
    expect(await names('queue=todo&q=培训')).toEqual(['业务培训']);
    expect(await names(`queue=todo&q=${encodeURIComponent('劳动关系')}`)).toEqual(['劳动关系共建']);
    // An indicator's name is searched too: every sound body has 巡检次数.
    expect(await names('queue=todo&q=巡检')).toHaveLength(3);
    expect(await names(`queue=todo&q=${encodeURIComponent('%')}`)).toEqual([]);
    const both = await inbox(`queue=todo&q=${encodeURIComponent('援助')}&year=2025&unit=sj-hrss-employment`);
    expect(both.items.map((i) => i.projectName)).toEqual(['就业援助']);
    expect(both.counts).toEqual({ todo: 1, returned: 0, handled: 0 });
  });

  it('sorts by arrival, last change, project name and due time, either way', async () => {
    const todo = async (sort: string, order?: string) =>
      (await inbox(`queue=todo&sort=${sort}${order ? `&order=${order}` : ''}`)).items;
    const arrival = await todo('arrivedAt');
    expect(arrival.map((i) => i.projectName)).toEqual(['业务培训', '劳动关系共建', '就业援助']);
    expect(await todo('arrivedAt', 'desc')).toEqual([...arrival].reverse());
    // updatedAt: the latest change first unless asked otherwise.
    expect((await todo('updatedAt')).map((i) => i.projectName)).toEqual(['就业援助', '劳动关系共建', '业务培训']);
    expect((await todo('updatedAt', 'asc')).map((i) => i.projectName)).toEqual([
      '业务培训',
      '劳动关系共建',
      '就业援助',
    ]);
    // Project names in the database's collation, the same as the list's.
    const listed = (
      await get('dept-reviewer', `/declarations?state=departmental_review&sort=projectName&order=asc`).expect(200)
    ).body.items.map((i: { projectName: string }) => i.projectName);
    expect((await todo('projectName')).map((i) => i.projectName)).toEqual(listed);
    expect((await todo('projectName', 'desc')).map((i) => i.projectName)).toEqual([...listed].reverse());
    const byDue = await todo('dueAt');
    expect(isSorted(byDue.map((i) => i.dueAt))).toBe(true);
    // A returned draft has no due time: last, whichever way.
    const handled = async (order: string) =>
      (await inbox(`queue=handled&sort=dueAt&order=${order}`)).items.map((i: InboxItem) => [i.projectName, i.dueAt]);
    expect(await handled('asc')).toEqual([
      ['网络信息系统运行与维护', expect.any(String)],
      ['职业技能提升', null],
    ]);
    expect((await handled('desc'))[1]).toEqual(['职业技能提升', null]);
  });

  it('pages the filtered queue', async () => {
    const second = await inbox('queue=todo&department=sj-hrss&sort=arrivedAt&pageSize=1&page=2');
    expect(second).toMatchObject({ page: 2, pageSize: 1, counts: { todo: 3 } });
    expect(second.items.map((i) => i.projectName)).toEqual(['劳动关系共建']);
  });

  it('refuses bad filters with 400, each on its parameter, in Chinese', async () => {
    const bad = await get('dept-reviewer', '/inbox?year=abc&state=discarded&sort=size&order=up&q=').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'order',
      'q',
      'sort',
      'state[0]',
      'year',
    ]);
    for (const error of bad.body.errors as { message: string }[]) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    await get('dept-reviewer', '/inbox?unknown=1').expect(400);
  });
});

/** Non-decreasing, with nulls last. */
function isSorted(values: (string | null)[]): boolean {
  const firstNull = values.indexOf(null);
  const present = firstNull === -1 ? values : values.slice(0, firstNull);
  if (firstNull !== -1 && values.slice(firstNull).some((v) => v !== null)) return false;
  return present.every((v, i) => i === 0 || present[i - 1]! <= v!);
}
