import { beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { useApi } from '../support/app.js';
import { client, seedPeople, soundBody, versionOf } from '../support/declarations.js';

describe('bad input, concurrent edits and repeated requests', () => {
  const api = useApi();
  let people: Record<string, ReturnType<typeof client>>;

  beforeAll(async () => {
    const tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
  });

  const eventCount = async () =>
    Number((await api.app.get(DataSource).query<{ n: string }[]>(`SELECT count(*) AS n FROM events`))[0]!.n);

  const withIndicator = (indicator: Record<string, unknown>) =>
    soundBody({ indicators: [...(soundBody().indicators as object[]), indicator] });
  const row = { level1: '产出指标', level2: '数量指标', name: '培训场次', target: '≥2(场)' };

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a malformed target',
      withIndicator({ ...row, target: '≥abc(%)' }),
      'indicators[6].target',
      'INDICATOR_TARGET_INVALID',
    ],
    [
      'a quantitative target without a unit',
      withIndicator({ ...row, target: '≥2' }),
      'indicators[6].target',
      'INDICATOR_TARGET_INVALID',
    ],
    [
      'an unknown level 2',
      withIndicator({ ...row, level2: '数目指标' }),
      'indicators[6].level2',
      'INDICATOR_LEVEL2_MISPLACED',
    ],
    [
      'a level 2 under the wrong level 1',
      withIndicator({ ...row, level1: '成本指标' }),
      'indicators[6].level2',
      'INDICATOR_LEVEL2_MISPLACED',
    ],
    [
      'an unknown level 1',
      withIndicator({ ...row, level1: '其他指标' }),
      'indicators[6].level1',
      'INDICATOR_LEVEL1_UNKNOWN',
    ],
    [
      'a 101-character name',
      withIndicator({ ...row, name: '名'.repeat(101) }),
      'indicators[6].name',
      'INDICATOR_NAME_TOO_LONG',
    ],
    ['a 10,000-character name', withIndicator({ ...row, name: '名'.repeat(10_000) }), 'indicators[6].name', 'TOO_LONG'],
    [
      'a negative amount',
      soundBody({ funds: { annualTotal: 100, currentYearAppropriation: 100, carryOver: -1 } }),
      'funds.carryOver',
      'INVALID_AMOUNT',
    ],
    ['three decimals', soundBody({ funds: { annualTotal: '100.001' } }), 'funds.annualTotal', 'INVALID_AMOUNT'],
    [
      'funds that do not add up',
      soundBody({ funds: { annualTotal: 500, currentYearAppropriation: 400, carryOver: 0, otherFunds: 0 } }),
      'funds.annualTotal',
      'FUNDS_INCONSISTENT',
    ],
    [
      'an end before the start',
      soundBody({ plannedStart: '2025-06-01', plannedEnd: '2025-03-01' }),
      'plannedEnd',
      'PLANNED_DATES_INVALID',
    ],
    ['a date that does not exist', soundBody({ plannedEnd: '2025-02-30' }), 'plannedEnd', 'INVALID_DATE'],
    ['a year as a string', soundBody({ year: '2025' }), 'year', 'INVALID_TYPE'],
    ['indicators as a string', soundBody({ indicators: 'none' }), 'indicators', 'INVALID_TYPE'],
    ['a target as a number', withIndicator({ ...row, target: 85 }), 'indicators[6].target', 'INVALID_TYPE'],
    ['an unknown field', soundBody({ budgetCode: 'X-1' }), 'budgetCode', 'UNKNOWN_FIELD'],
    [
      'an unknown field in an indicator',
      withIndicator({ ...row, weight: 10 }),
      'indicators[6].weight',
      'UNKNOWN_FIELD',
    ],
    ['a missing project name', soundBody({ projectName: undefined }), 'projectName', 'REQUIRED'],
    ['a blank project name', soundBody({ projectName: '   ' }), 'projectName', 'TOO_SHORT'],
  ])('refuses %s with 400, the field’s path and code, and writes nothing', async (_, body, path, code) => {
    const before = await eventCount();
    const response = await people.preparer!.create(body).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    expect(response.body.errors).toContainEqual(expect.objectContaining({ path, code, message: expect.any(String) }));
    expect(await eventCount()).toBe(before);
  });

  it('refuses a body that is not an object, or not JSON', async () => {
    await people.preparer!.create([1, 2, 3]).expect(400);
    const response = await people.preparer!.create('"text"').set('Content-Type', 'application/json').expect(400);
    expect(response.body.code).toMatch(/VALIDATION_FAILED|MALFORMED_REQUEST/);
  });

  it('refuses a change that would make a draft invalid, and keeps the draft as it was', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    const refused = await people.preparer!.patch(created.body.id, 1, { funds: { carryOver: 5 } }).expect(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'funds.annualTotal', code: 'FUNDS_INCONSISTENT' }),
    ]);
    await people.preparer!.patch(created.body.id, 1, {}).expect(400);
    const unchanged = await people.preparer!.get(created.body.id).expect(200);
    expect(unchanged.body.version).toBe(1);
  });

  it('requires a reason to return, reject or amend', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    await people.preparer!.act(created.body.id, 'submit', 1).expect(200);
    const response = await people['dept-reviewer']!.act(created.body.id, 'return', 2).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'comment', code: 'REQUIRED' })]);
    await people['dept-reviewer']!.act(created.body.id, 'reject', 2, '  ').expect(400);
  });

  it('asks for If-Match (428) and refuses a stale one (412)', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    const missing = await people.preparer!.patch(created.body.id, null, { annualGoal: '新目标' }).expect(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
    await people.preparer!.patch(created.body.id, 1, { annualGoal: '新目标' }).expect(200);
    const stale = await people.preparer!.patch(created.body.id, 1, { annualGoal: '旧目标' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
  });

  it('lets one of two people editing the same version win; the other gets 412 and the winner’s change stays', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    const id = created.body.id as string;
    const [a, b] = await Promise.all([
      people.preparer!.patch(id, 1, { annualGoal: '编制人的目标' }),
      people.admin!.patch(id, 1, { annualGoal: '管理员的目标' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? '编制人的目标' : '管理员的目标';
    const read = await people.auditor!.get(id).expect(200);
    expect(read.body).toMatchObject({ annualGoal: winner, version: 2 });
  });

  it('creates once for a repeated Idempotency-Key and answers the repeat with the first response', async () => {
    const before = await eventCount();
    const headers = { 'Idempotency-Key': 'create-2025-wifi-001' };
    const first = await people.preparer!.create(soundBody(), headers).expect(201);
    const again = await people.preparer!.create(soundBody(), headers).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(before + 1);
    const reused = await people.preparer!.create(soundBody({ projectName: '另一个项目' }), headers).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys are per person: the same key from someone else is their own request.
    await people['second-preparer']!.create(soundBody(), headers).expect(201);
  });

  it('does a workflow action once for a repeated Idempotency-Key, even after the state moved on', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    const id = created.body.id as string;
    const headers = { 'Idempotency-Key': `submit-${id}` };
    const first = await people.preparer!.act(id, 'submit', 1, undefined, headers).expect(200);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => people.preparer!.act(id, 'submit', 1, undefined, headers)),
    );
    for (const response of concurrent) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual(first.body);
    }
    expect(versionOf(first)).toBe(2);
    const read = await people.preparer!.get(id).expect(200);
    expect(read.body.version).toBe(2);
  });

  it('gives twenty simultaneous requests with one Idempotency-Key the one outcome, round after round', async () => {
    for (let round = 0; round < 5; round++) {
      const id = (await people.preparer!.create(soundBody()).expect(201)).body.id as string;
      const headers = { 'Idempotency-Key': `race-${round}-${id}` };
      const before = await eventCount();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => people.preparer!.act(id, 'submit', 1, undefined, headers)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      expect(new Set(answers.map((a) => a.headers.etag))).toEqual(new Set(['"2"']));
      for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
      expect(await eventCount()).toBe(before + 1);
    }
  });
});
