import { beforeAll, describe, expect, it } from '@jest/globals';
import type request from 'supertest';
import { useApi } from '../support/app.js';
import { client, seedPeople, soundBody, versionOf } from '../support/declarations.js';

type Client = ReturnType<typeof client>;
/** A response body: compared whole, looked into only for indicator ids. */
type Body = Record<string, unknown> & { indicators?: { id: string; name: string }[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A time in another offset, same instant: `2025-03-03T01:00:00.000Z` → `2025-03-03T09:00:00.000+08:00`. */
const inShanghai = (iso: string) => `${new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, -1)}+08:00`;

describe('the auditor’s replay of a long history', () => {
  const api = useApi();
  let people: Record<string, Client>;
  /** GET /declarations/:id right after each step, by the version that step produced. */
  const recorded = new Map<number, Body>();
  let id: string;
  let version = 0;
  let body: Body;

  beforeAll(async () => {
    const tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
    await buildHistory();
  }, 120_000);

  /** One step: exactly one event, then the declaration as anyone would read it now. */
  async function step(label: string, run: (version: number, body: Body) => request.Test): Promise<void> {
    // recorded_at has millisecond precision: keep each step in a millisecond of its own, so
    // every version has a moment that shows exactly it.
    await sleep(3);
    const response = await run(version, body);
    if (response.status >= 300) throw new Error(`${label}: ${response.status} ${JSON.stringify(response.body)}`);
    expect(versionOf(response)).toBe(version + 1);
    version += 1;
    id ??= response.body.id as string;
    body = (await people.auditor!.get(id).expect(200)).body;
    recorded.set(version, body);
  }

  async function buildHistory(): Promise<void> {
    const [P, R, S, F] = [people.preparer!, people['dept-reviewer']!, people['bureau-signer']!, people.finance!];
    const edit = (patch: Body) => step(`edit ${JSON.stringify(patch)}`, (v) => P.patch(id, v, patch));
    const act = (who: Client, action: string, comment?: string) => step(action, (v) => who.act(id, action, v, comment));
    const add = (level1: string, level2: string, name: string, target: string) =>
      step(`add ${name}`, (v) => P.addIndicator(id, v, { level1, level2, name, target }));
    const indicatorId = (b: Body, name: string) => b.indicators!.find((i) => i.name === name)!.id;
    const revise = (name: string, changes: Body) =>
      step(`revise ${name}`, (v, b) => P.reviseIndicator(id, indicatorId(b, name), v, changes));
    const remove = (name: string) => step(`remove ${name}`, (v, b) => P.removeIndicator(id, indicatorId(b, name), v));
    const funds = (annualTotal: number, currentYearAppropriation: number, carryOver = 0) =>
      edit({ funds: { annualTotal, currentYearAppropriation, carryOver } });

    await step('draft', () => P.create(soundBody()));
    await edit({ projectName: '网络信息系统运行与维护（2025年）' });
    await edit({ category: '特定目标类' });
    await edit({ plannedEnd: '2025-11-30' });
    await funds(400000, 400000);
    await edit({ annualGoal: '系统全年稳定运行，故障及时修复。' });
    await edit({ overallGoal: '保障信息系统安全稳定运行' });
    await add('产出指标', '数量指标', '服务器巡检台次', '≥120(台次)');
    await add('效益指标', '可持续影响指标', '系统可用率', '≥99.5(%)');
    await add('产出指标', '质量指标', '数据备份完整率', '=100(%)');
    await revise('服务器巡检台次', { target: '≥150(台次)' });
    await revise('系统可用率', { name: '系统年度可用率' });
    await revise('巡检次数', { target: '≥6(次)' });
    await remove('数据备份完整率');
    // Revision 1: returned by each stage once, withdrawn once, then confirmed.
    await act(P, 'submit', '请审核');
    await act(R, 'return', '成本测算依据不足');
    await funds(395000.5, 395000.5);
    await act(P, 'submit');
    await act(R, 'approve', '同意');
    await act(S, 'return', '请补充可持续影响指标依据');
    await revise('系统年度可用率', { target: '≥99.9(%)' });
    await act(P, 'submit');
    await act(R, 'approve');
    await act(S, 'approve', '同意');
    await act(F, 'return', '与预算批复金额不一致');
    await funds(380000, 370000, 10000);
    await act(P, 'submit');
    await act(P, 'withdraw', '补充附件');
    await edit({ annualGoal: '系统全年稳定运行，故障在4小时内修复。' });
    await act(P, 'submit');
    await act(R, 'approve');
    await act(S, 'approve');
    await act(F, 'approve', '确认');
    // Revision 2: an amendment, returned once, then confirmed.
    await act(P, 'amend', '年中调整');
    await funds(420000, 410000, 10000);
    await add('满意度指标', '服务对象满意度指标', '业务部门满意度', '≥90(%)');
    await revise('人均运维成本', { target: '≤120.00(元/人/年)' });
    await remove('服务器巡检台次');
    await edit({ plannedStart: '2025-02-01' });
    await act(P, 'submit', '调整申请');
    await act(R, 'approve');
    await act(S, 'return', '调整幅度过大');
    await funds(410000, 400000, 10000);
    await revise('业务部门满意度', { target: '≥92(%)' });
    await act(P, 'submit');
    await act(R, 'approve');
    await act(S, 'approve');
    await act(F, 'approve', '确认调整');
    // Revision 3: an amendment edited at length and rejected; revision 2 stands again.
    await act(P, 'amend', '再次调整');
    await edit({ projectName: '网络信息系统运行与维护（调整）' });
    await add('效益指标', '社会效益指标', '网上办事覆盖率', '≥95(%)');
    for (const target of ['≥93(%)', '≥94(%)', '≥95(%)', '≥96(%)']) await revise('业务部门满意度', { target });
    for (const annualGoal of ['第一稿', '第二稿', '第三稿']) await edit({ annualGoal });
    await funds(450000.75, 440000.75, 10000);
    await act(P, 'submit');
    await act(R, 'reject', '调整理由不充分');
  }

  it('built a long history through the API, ending on the revision that stands', async () => {
    expect(version).toBeGreaterThanOrEqual(60);
    expect(recorded.size).toBe(version);
    expect(body).toMatchObject({ state: 'confirmed', revision: 2, projectName: '网络信息系统运行与维护（2025年）' });
    const history = await people.auditor!.get(id, '/history').expect(200);
    expect(history.body.entries).toHaveLength(version);
  });

  it('reproduces every version exactly with ?version=n', async () => {
    for (let n = 1; n <= version; n += 1) {
      const read = await people.auditor!.get(id, `?version=${n}`).expect(200);
      expect({ n, body: read.body }).toEqual({ n, body: recorded.get(n) });
      expect(read.headers.etag).toBe(`"${n}"`);
    }
  });

  it('reproduces every version exactly with ?asOf= at the moment it was recorded, and until the next', async () => {
    const entries = (await people.auditor!.get(id, '/history').expect(200)).body.entries as Body[];
    for (let n = 1; n <= version; n += 1) {
      const at = entries[n - 1]!.recordedAt as string;
      const justAfter = new Date(Date.parse(at) + 1).toISOString();
      const next = entries[n]?.recordedAt as string | undefined;
      expect(next === undefined || Date.parse(next) > Date.parse(justAfter)).toBe(true);
      for (const moment of [at, justAfter]) {
        const read = await people.auditor!.get(id, `?asOf=${encodeURIComponent(moment)}`).expect(200);
        expect({ n, moment, body: read.body }).toEqual({ n, moment, body: recorded.get(n) });
      }
    }
  });

  it('reads the same instant written in another offset the same way', async () => {
    const entries = (await people.auditor!.get(id, '/history').expect(200)).body.entries as Body[];
    const at = inShanghai(entries[29]!.recordedAt as string);
    const read = await people.auditor!.get(id, `?asOf=${encodeURIComponent(at)}`).expect(200);
    expect(read.body).toEqual(recorded.get(30));
  });

  it('knows nothing before the declaration was drafted', async () => {
    const entries = (await people.auditor!.get(id, '/history').expect(200)).body.entries as Body[];
    const before = new Date(Date.parse(entries[0]!.recordedAt as string) - 1).toISOString();
    await people.auditor!.get(id, `?asOf=${before}`).expect(404);
  });
});
