import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Organisations, Users } from '@app/identity';
import { bearer, demoTokens, seedDemo, signIn } from './auth.js';

/** Who the test's own user changes are recorded as. */
const SYSTEM = { userId: 'system:test', role: 'system' };

/** A sound 2025 declaration body, as a unit would type it (form 1 of the real export). */
export function soundBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    year: 2025,
    projectName: '网络信息系统运行与维护',
    nature: '其他经常性项目',
    category: '其他运转类',
    plannedStart: '2025-01-01',
    plannedEnd: '2025-12-31',
    funds: { annualTotal: 381419.84, currentYearAppropriation: '381,419.84', carryOver: 0, otherFunds: 0 },
    annualGoal: '系统正常运行，满足使用者相关需要。',
    indicators: [
      { level1: '成本指标', level2: '经济成本指标', name: '人均运维成本', target: '≤116.00(元/人/年)' },
      { level1: '产出指标', level2: '数量指标', name: '巡检次数', target: '≥4(次)' },
      { level1: '产出指标', level2: '质量指标', name: '运维故障发生次数', target: '=0.00(次)' },
      { level1: '产出指标', level2: '时效指标', name: '运维完成及时', target: '及时' },
      { level1: '效益指标', level2: '社会效益指标', name: '辅助日常业务办理', target: '有效' },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '使用者满意度', target: '≥85.00(%)' },
    ],
    ...overrides,
  };
}

const PASSWORD = 'test-password';

/** Beyond the demo users: a second department and people in other units and departments. */
export async function seedPeople(app: NestExpressApplication): Promise<Record<string, string>> {
  await seedDemo(app);
  const organisations = new Organisations(app.get(DataSource));
  const users = app.get(Users);
  await organisations.addDepartment({ id: 'other-dept', name: '上海市松江区民政局' });
  await organisations.addUnit({ id: 'other-unit', name: '上海市松江区社会福利院', departmentId: 'other-dept' });
  const extra = [
    { username: 'employment-preparer', role: 'preparer', unitId: 'sj-hrss-employment' },
    { username: 'other-preparer', role: 'preparer', unitId: 'other-unit' },
    { username: 'other-reviewer', role: 'department_reviewer', departmentId: 'other-dept' },
    { username: 'other-signer', role: 'bureau_signer', departmentId: 'other-dept' },
    { username: 'second-preparer', role: 'preparer', unitId: 'sj-hrss-bureau' },
  ] as const;
  for (const user of extra) await users.create({ ...user, password: PASSWORD }, SYSTEM);
  const tokens = await demoTokens(app);
  for (const user of extra) tokens[user.username] = await signIn(app, user.username, PASSWORD);
  return tokens;
}

/** A thin client over supertest for one caller. */
export function client(app: NestExpressApplication, token: string) {
  const http = () => request(app.getHttpServer());
  const auth = bearer(token);
  return {
    create: (body: unknown, headers: Record<string, string> = {}) =>
      http()
        .post('/declarations')
        .set(auth)
        .set(headers)
        .send(body as object),
    get: (id: string, query = '', headers: Record<string, string> = {}) =>
      http().get(`/declarations/${id}${query}`).set(auth).set(headers),
    checks: (id: string, headers: Record<string, string> = {}) =>
      http().get(`/declarations/${id}/checks`).set(auth).set(headers),
    revisions: (id: string) => http().get(`/declarations/${id}/revisions`).set(auth),
    patch: (id: string, version: number | null, body: unknown, headers: Record<string, string> = {}) =>
      withVersion(http().patch(`/declarations/${id}`).set(auth).set(headers), version).send(body as object),
    act: (id: string, action: string, version: number | null, comment?: string, headers: Record<string, string> = {}) =>
      withVersion(http().post(`/declarations/${id}/${action}`).set(auth).set(headers), version).send(
        comment === undefined ? {} : { comment },
      ),
    addIndicator: (id: string, version: number, body: unknown) =>
      http()
        .post(`/declarations/${id}/indicators`)
        .set(auth)
        .set('If-Match', `"${version}"`)
        .send(body as object),
    reviseIndicator: (id: string, indicatorId: string, version: number, body: unknown) =>
      http()
        .patch(`/declarations/${id}/indicators/${indicatorId}`)
        .set(auth)
        .set('If-Match', `"${version}"`)
        .send(body as object),
    removeIndicator: (id: string, indicatorId: string, version: number) =>
      http().delete(`/declarations/${id}/indicators/${indicatorId}`).set(auth).set('If-Match', `"${version}"`),
  };
}

function withVersion(test: request.Test, version: number | null): request.Test {
  return version === null ? test : test.set('If-Match', `"${version}"`);
}

export const versionOf = (response: { headers: Record<string, string> }): number =>
  Number(/^"(\d+)"$/.exec(response.headers.etag ?? '')?.[1]);
