import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { silentLogger, useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';
import type { InboxPage } from '@app/declarations';

describe('the read side: list, inbox, statistics, indicators', () => {
  const api = useApi();
  let worker: INestApplicationContext;
  let tokens: Record<string, string>;
  let people: Record<string, ReturnType<typeof client>>;
  let lastPosition = '';
  const ids: Record<string, string> = {};

  const get = (who: string, path: string) => request(api.app.getHttpServer()).get(path).set(bearer(tokens[who]!));
  /** Reads once the read model has the last write (read-your-writes). */
  const read = (who: string, path: string) =>
    get(who, `${path}${path.includes('?') ? '&' : '?'}after=${lastPosition}&waitMs=10000`);
  const track = <T extends { headers: Record<string, string> }>(response: T): T => {
    lastPosition = response.headers['x-log-position'] ?? lastPosition;
    return response;
  };

  beforeAll(async () => {
    worker = await createWorker(api.config, silentLogger);
    tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
    const create = async (who: string, name: string, body: Record<string, unknown>) => {
      const response = track(await people[who]!.create(body).expect(201));
      ids[name] = response.body.id as string;
    };
    await create('preparer', 'wifi', soundBody({ projectName: '网络信息系统运行与维护' }));
    await create(
      'preparer',
      'training',
      soundBody({ projectName: '业务培训', funds: { annualTotal: 47900, currentYearAppropriation: 47900 } }),
    );
    await create('preparer', 'returned', soundBody({ projectName: '劳动关系共建' }));
    await create('employment-preparer', 'employment', soundBody({ projectName: '就业援助' }));
    await create('other-preparer', 'other', soundBody({ projectName: '养老服务' }));
    track(await people.preparer!.act(ids.wifi!, 'submit', 1).expect(200));
    track(await people.preparer!.act(ids.training!, 'submit', 1).expect(200));
    track(await people.preparer!.act(ids.returned!, 'submit', 1).expect(200));
    track(await people['dept-reviewer']!.act(ids.wifi!, 'approve', 2).expect(200));
    track(await people['dept-reviewer']!.act(ids.returned!, 'return', 2, '补充成本测算').expect(200));
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('lists only what the caller may see', async () => {
    const names = async (who: string) =>
      ((await read(who, '/declarations').expect(200)).body.items as { projectName: string }[])
        .map((i) => i.projectName)
        .sort();
    expect(await names('preparer')).toEqual(['业务培训', '劳动关系共建', '网络信息系统运行与维护']);
    expect(await names('employment-preparer')).toEqual(['就业援助']);
    expect(await names('dept-reviewer')).toEqual(['业务培训', '劳动关系共建', '就业援助', '网络信息系统运行与维护']);
    expect(await names('other-reviewer')).toEqual(['养老服务']);
    expect(await names('auditor')).toHaveLength(5);
    expect(await names('finance')).toHaveLength(5);
  });

  it('filters, sorts, pages and totals the filtered set', async () => {
    const byState = await read(
      'auditor',
      '/declarations?state=departmental_review,bureau_signoff&sort=annualTotal&order=asc',
    ).expect(200);
    expect(byState.body.items.map((i: { projectName: string; state: string }) => [i.projectName, i.state])).toEqual([
      ['业务培训', 'departmental_review'],
      ['网络信息系统运行与维护', 'bureau_signoff'],
    ]);
    expect(byState.body).toMatchObject({ total: 2, totals: { annualTotal: 429319.84 } });
    expect(byState.headers['x-read-model-position']).toMatch(/^\d+-\d+$/);
    const text = await read('auditor', '/declarations?q=巡检').expect(200);
    expect(text.body.total).toBe(5);
    const page = await read(
      'auditor',
      '/declarations?unit=sj-hrss-bureau&sort=projectName&order=asc&pageSize=1&page=2',
    ).expect(200);
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 1, items: [{ projectName: '劳动关系共建' }] });
    expect(page.body.items[0]).toMatchObject({
      unit: { id: 'sj-hrss-bureau' },
      state: 'draft',
      funds: { annualTotal: 381419.84 },
    });
  });

  it('gives each person their queues: to act on, returned, handled', async () => {
    const inbox = async (who: string, queue: string) =>
      (await read(who, `/inbox?queue=${queue}`).expect(200)).body as InboxPage;
    const reviewer = await inbox('dept-reviewer', 'todo');
    expect(reviewer.items.map((i) => i.projectName)).toEqual(['业务培训']);
    expect(reviewer.items[0]).toMatchObject({
      state: 'departmental_review',
      submitter: { name: expect.any(String) },
      arrivedAt: expect.any(String),
    });
    expect(reviewer.counts).toEqual({ todo: 1, returned: 0, handled: 2 });
    const handled = await inbox('dept-reviewer', 'handled');
    expect(handled.items.map((i) => i.myLastAction!.action).sort()).toEqual(['approved', 'returned']);
    expect((await inbox('bureau-signer', 'todo')).items.map((i) => i.projectName)).toEqual(['网络信息系统运行与维护']);
    const returned = await inbox('preparer', 'returned');
    expect(returned.items).toEqual([
      expect.objectContaining({
        projectName: '劳动关系共建',
        lastReturn: expect.objectContaining({ reason: '补充成本测算' }),
      }),
    ]);
    expect((await inbox('finance', 'todo')).items).toEqual([]);
    expect((await inbox('other-reviewer', 'todo')).items).toEqual([]);
  });

  it('counts declarations and funds by state per unit and department, and indicators by level', async () => {
    const stats = (await read('dept-reviewer', '/stats?year=2025').expect(200)).body;
    const bureau = stats.byUnit.find((u: { id: string }) => u.id === 'sj-hrss-bureau');
    expect(bureau).toMatchObject({
      name: '上海市松江区人力资源和社会保障局（本级）',
      total: { count: 3, annualTotal: 810739.68 },
      byState: { draft: { count: 1, annualTotal: 381419.84 }, departmental_review: { count: 1, annualTotal: 47900 } },
    });
    expect(stats.byDepartment).toEqual([
      expect.objectContaining({ id: 'sj-hrss', total: expect.objectContaining({ count: 4 }) }),
    ]);
    expect(stats.indicators).toMatchObject({ total: 24, byKind: { quantitative: 16, qualitative: 8 } });
    expect(stats.indicators.byLevel).toContainEqual({
      level1: '成本指标',
      level2: '经济成本指标',
      count: 4,
      quantitative: 4,
      qualitative: 0,
    });
  });

  it('compares indicators across declarations', async () => {
    const rows = (await read('auditor', '/indicators?level1=成本指标&kind=quantitative').expect(200)).body;
    expect(rows.total).toBe(5);
    expect(rows.items[0]).toMatchObject({
      level2: '经济成本指标',
      name: '人均运维成本',
      comparator: '≤',
      value: 116,
      measure: '元/人/年',
    });
    const scoped = (await read('other-preparer', '/indicators?q=满意度').expect(200)).body;
    expect(scoped.items.map((i: { projectName: string }) => i.projectName)).toEqual(['养老服务']);
  });

  it('answers 503 when asked to wait for a position the read model cannot reach in time', async () => {
    const far = await get('auditor', '/declarations?after=999999999999-999999999&waitMs=100').expect(503);
    expect(far.body.code).toBe('READ_MODEL_LAGGING');
    expect(far.headers['retry-after']).toBe('1');
  });

  it('refuses bad filters with 400 and the parameter’s path', async () => {
    const bad = await get('auditor', '/declarations?pageSize=1000&state=bogus&sort=size&year=abc').expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'pageSize',
      'sort',
      'state[0]',
      'year',
    ]);
    await get('auditor', '/inbox?queue=later').expect(400);
    await get('auditor', '/declarations?after=yesterday').expect(400);
    await request(api.app.getHttpServer()).get('/inbox').expect(401);
  });

  it('shows admins each read model’s checkpoint and lag, and rebuilds one on demand', async () => {
    const models = (await read('admin', '/admin/read-models').expect(200)).body;
    expect(models).toEqual([
      expect.objectContaining({
        name: 'declarations',
        checkpoint: expect.stringMatching(/^\d+-\d+$/),
        lag: { events: 0, seconds: 0 },
      }),
      expect.objectContaining({ name: 'notices', tables: ['notices', 'notice_deliveries'] }),
    ]);
    await get('auditor', '/admin/read-models').expect(403);
    const before = (await read('auditor', '/declarations?pageSize=200').expect(200)).body;
    const http = () => request(api.app.getHttpServer());
    await http().post('/admin/read-models/declarations/rebuild').set(bearer(tokens['dept-reviewer']!)).expect(403);
    await http().post('/admin/read-models/nothing/rebuild').set(bearer(tokens.admin!)).expect(404);
    const started = await http().post('/admin/read-models/declarations/rebuild').set(bearer(tokens.admin!)).expect(202);
    const again = await http().post('/admin/read-models/declarations/rebuild').set(bearer(tokens.admin!));
    expect([202, 409]).toContain(again.status);
    let rebuild: { id: string; status: string; progress: number | null } | null = null;
    for (let i = 0; i < 200 && rebuild?.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const latest = (await get('admin', '/admin/read-models').expect(200)).body[0].rebuild;
      if (latest.id === started.body.rebuildId || again.status === 202) rebuild = latest;
    }
    expect(rebuild).toMatchObject({ status: 'completed', progress: 1 });
    const after = (await read('auditor', '/declarations?pageSize=200').expect(200)).body;
    expect(after.items).toEqual(before.items);
  });
});
