import { beforeAll, describe, expect, it } from '@jest/globals';
import { useApi } from '../support/app.js';
import { client, seedPeople, soundBody, versionOf } from '../support/declarations.js';

describe('the approval path over HTTP', () => {
  const api = useApi();
  let people: Record<string, ReturnType<typeof client>>;

  beforeAll(async () => {
    const tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
  });

  /** Drafts a sound declaration as the demo preparer; returns its id and version. */
  async function drafted(body = soundBody()) {
    const response = await people.preparer!.create(body).expect(201);
    return { id: response.body.id as string, version: versionOf(response) };
  }

  it('goes from draft to confirmed by four different people', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/declarations/${created.body.id}`);
    expect(created.body).toMatchObject({
      year: 2025,
      projectName: '网络信息系统运行与维护',
      unit: { id: 'sj-hrss-bureau', name: '上海市松江区人力资源和社会保障局（本级）' },
      department: { id: 'sj-hrss', name: '上海市松江区人力资源和社会保障局' },
      funds: {
        projectTotal: null,
        annualTotal: 381419.84,
        currentYearAppropriation: 381419.84,
        carryOver: 0,
        otherFunds: 0,
      },
      state: 'draft',
      revision: 1,
      version: 1,
    });
    expect(created.body.indicators[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      level1: '成本指标',
      level2: '经济成本指标',
      name: '人均运维成本',
      target: '≤116.00(元/人/年)',
      parsedTarget: { kind: 'quantitative', comparator: '≤', value: 116, unit: '元/人/年' },
    });
    expect(created.body.indicators[3].parsedTarget).toEqual({ kind: 'qualitative', text: '及时' });

    const id = created.body.id as string;
    const steps = [
      [people.preparer!, 'submit', 'departmental_review'],
      [people['dept-reviewer']!, 'approve', 'bureau_signoff'],
      [people['bureau-signer']!, 'approve', 'finance_confirmation'],
      [people.finance!, 'approve', 'confirmed'],
    ] as const;
    let version = 1;
    for (const [who, action, state] of steps) {
      const response = await who.act(id, action, version, '同意').expect(200);
      expect(response.body.state).toBe(state);
      expect(versionOf(response)).toBe(version + 1);
      expect(response.headers['x-log-position']).toMatch(/^\d+-\d+$/);
      version += 1;
    }
    const read = await people.auditor!.get(id).expect(200);
    expect(read.body).toMatchObject({ state: 'confirmed', version: 5, workflow: { confirmedBy: expect.any(String) } });
  });

  it('returns to the unit with a reason, and goes on after the fix is resubmitted', async () => {
    const { id } = await drafted();
    await people.preparer!.act(id, 'submit', 1).expect(200);
    const returned = await people['dept-reviewer']!.act(id, 'return', 2, '成本测算依据不足').expect(200);
    expect(returned.body.workflow).toMatchObject({
      status: 'draft',
      lastReturn: { stage: 'departmental_review', reason: '成本测算依据不足' },
    });
    await people.preparer!.patch(id, 3, { annualGoal: '系统全年稳定运行' }).expect(200);
    const resubmitted = await people.preparer!.act(id, 'submit', 4).expect(200);
    expect(resubmitted.body.state).toBe('departmental_review');
    await people['dept-reviewer']!.act(id, 'approve', 5).expect(200);
  });

  it('lets the unit withdraw only while the first reviewer has not acted', async () => {
    const { id } = await drafted();
    await people.preparer!.act(id, 'submit', 1).expect(200);
    const withdrawn = await people.preparer!.act(id, 'withdraw', 2, '补充附件').expect(200);
    expect(withdrawn.body.state).toBe('draft');
    await people.preparer!.act(id, 'submit', 3).expect(200);
    await people['dept-reviewer']!.act(id, 'approve', 4).expect(200);
    const late = await people.preparer!.act(id, 'withdraw', 5).expect(409);
    expect(late.body).toMatchObject({
      code: 'DECLARATION_ILLEGAL_TRANSITION',
      state: 'bureau_signoff',
      action: 'withdraw',
    });
  });

  it('ends the declaration on rejection (不予通过), after which nothing more happens', async () => {
    const { id } = await drafted();
    await people.preparer!.act(id, 'submit', 1).expect(200);
    await people['dept-reviewer']!.act(id, 'approve', 2).expect(200);
    const rejected = await people['bureau-signer']!.act(id, 'reject', 3, '不符合年度预算安排').expect(200);
    expect(rejected.body.workflow).toMatchObject({
      status: 'rejected',
      stage: 'bureau_signoff',
      reason: '不符合年度预算安排',
    });
    await people.preparer!.act(id, 'amend', 4, '重新申报').expect(409);
    await people.preparer!.patch(id, 4, { annualGoal: 'x' }).expect(409);
  });

  it('opens an amendment after confirmation, keeping both revisions readable', async () => {
    const { id } = await drafted();
    let version = 1;
    for (const [who, action] of [
      [people.preparer!, 'submit'],
      [people['dept-reviewer']!, 'approve'],
      [people['bureau-signer']!, 'approve'],
      [people.finance!, 'approve'],
      [people.preparer!, 'amend'],
    ] as const) {
      await who.act(id, action, version, action === 'amend' ? '年中调整' : undefined).expect(200);
      version += 1;
    }
    const amended = await people.preparer!.get(id).expect(200);
    expect(amended.body).toMatchObject({ state: 'draft', revision: 2 });
    await people
      .preparer!.patch(id, version, { funds: { annualTotal: 400000, currentYearAppropriation: 400000 } })
      .expect(200);
    version += 1;
    const again = await people.preparer!.act(id, 'amend', version, '再次调整').expect(409);
    expect(again.body.code).toBe('DECLARATION_ILLEGAL_TRANSITION');

    const revisions = await people.auditor!.revisions(id).expect(200);
    expect(
      revisions.body.map((r: { revision: number; status: string; funds: { annualTotal: number } }) => [
        r.revision,
        r.status,
        r.funds.annualTotal,
      ]),
    ).toEqual([
      [1, 'confirmed', 381419.84],
      [2, 'draft', 400000],
    ]);
    for (const [who, action] of [
      [people.preparer!, 'submit'],
      [people['dept-reviewer']!, 'approve'],
      [people['bureau-signer']!, 'approve'],
      [people.finance!, 'approve'],
    ] as const) {
      await who.act(id, action, version).expect(200);
      version += 1;
    }
    const final = await people.auditor!.revisions(id).expect(200);
    expect(final.body.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [1, 'confirmed'],
      [2, 'confirmed'],
    ]);
    const notYet = await people.auditor!.get(id, '?version=99').expect(400);
    expect(notYet.body.errors).toEqual([expect.objectContaining({ path: 'version', code: 'VERSION_OUT_OF_RANGE' })]);
    const asFirstConfirmed = await people.auditor!.get(id, '?version=5').expect(200);
    expect(asFirstConfirmed.body).toMatchObject({ state: 'confirmed', revision: 1, funds: { annualTotal: 381419.84 } });
  });

  it('refuses to submit while blocking findings remain, and lists them at /checks', async () => {
    const body = soundBody();
    (body.indicators as { level1: string }[]).splice(0, 1);
    const { id } = await drafted(body);
    const checks = await people.preparer!.checks(id).expect(200);
    expect(checks.body).toMatchObject({ blocking: 1, year: 2025 });
    expect(checks.body.findings).toEqual([
      { code: 'COST_INDICATOR_MISSING', severity: 'blocking', message: '缺少成本指标', path: 'indicators' },
    ]);
    const refused = await people.preparer!.act(id, 'submit', 1).expect(422);
    expect(refused.body).toMatchObject({
      code: 'SUBMISSION_BLOCKED',
      errors: [{ path: 'indicators', code: 'COST_INDICATOR_MISSING', message: '缺少成本指标' }],
    });
    await people
      .preparer!.addIndicator(id, 1, {
        level1: '成本指标',
        level2: '经济成本指标',
        name: '人均运维成本',
        target: '≤116.00(元/人/年)',
      })
      .expect(200);
    await people.preparer!.act(id, 'submit', 2).expect(200);
  });

  it('edits indicators by id: add, revise, remove', async () => {
    const { id } = await drafted();
    const added = await people
      .preparer!.addIndicator(id, 1, {
        level1: '效益指标',
        level2: '可持续影响指标',
        name: '运维制度健全性',
        target: '健全',
      })
      .expect(200);
    const indicator = added.body.indicators.at(-1);
    expect(indicator).toMatchObject({ name: '运维制度健全性', parsedTarget: { kind: 'qualitative' } });
    const revised = await people.preparer!.reviseIndicator(id, indicator.id, 2, { target: '≥1(项)' }).expect(200);
    expect(revised.body.indicators.at(-1)).toMatchObject({
      id: indicator.id,
      target: '≥1(项)',
      parsedTarget: { value: 1, unit: '项' },
    });
    const removed = await people.preparer!.removeIndicator(id, indicator.id, 3).expect(200);
    expect(removed.body.indicators.map((i: { id: string }) => i.id)).not.toContain(indicator.id);
    await people.preparer!.removeIndicator(id, indicator.id, 4).expect(404);
  });
});
