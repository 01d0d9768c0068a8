import { beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DeclarationsProjection, DraftDeclaration, type CommandResult, type DraftContent } from '@app/declarations';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';
import { catchUpFully } from '../support/read-models.js';

/** Every message a person reads is Chinese, unless they ask for English; codes never change. */
describe('messages in the reader’s language', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());
  let tokens: Record<string, string>;

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
  });

  it('refuses a wrong password in Chinese by default and in English on Accept-Language: en', async () => {
    const zh = await http().post('/auth/token').send({ username: 'admin', password: 'wrong-password' }).expect(401);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.body).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码不正确', errors: [] });
    const en = await http()
      .post('/auth/token')
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .send({ username: 'admin', password: 'wrong-password' })
      .expect(401);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toEqual({ code: 'UNAUTHENTICATED', message: 'Wrong username or password', errors: [] });
  });

  it('names the role in words when it may not act, and each bad field in Chinese', async () => {
    const refused = await client(api.app, tokens.auditor!).create(soundBody()).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(refused.body.message).toContain('审计人员');
    expect(refused.body.message).not.toMatch(/auditor/);

    const blank = await client(api.app, tokens.preparer!)
      .create(soundBody({ projectName: '   ', year: 'x' }))
      .expect(400);
    expect(blank.body.message).toBe('请求中有字段不正确');
    expect(blank.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'projectName', code: 'TOO_SHORT', message: '不能为空' },
        { path: 'year', code: 'INVALID_TYPE', message: '类型不正确' },
      ]),
    );
    const english = await client(api.app, tokens.preparer!)
      .create(soundBody({ projectName: '   ' }), { 'Accept-Language': 'en' })
      .expect(400);
    expect(english.body.errors).toEqual([{ path: 'projectName', code: 'TOO_SHORT', message: 'Must not be blank' }]);
  });

  it('says why a workflow step is refused, with the action and the state in words', async () => {
    const preparer = client(api.app, tokens.preparer!);
    const created = await preparer.create(soundBody()).expect(201);
    const id = created.body.id as string;
    const illegal = await client(api.app, tokens['dept-reviewer']!).act(id, 'approve', 1).expect(409);
    expect(illegal.body).toMatchObject({
      code: 'DECLARATION_ILLEGAL_TRANSITION',
      message: '申报表为“草稿”，不能审核通过',
    });
    const submitted = await preparer.act(id, 'submit', 1).expect(200);
    const other = await client(api.app, tokens['bureau-signer']!).act(id, 'approve', submitted.body.version);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('您不能审核通过此申报表');
    expect(other.body.errors).toEqual([
      { path: '', code: 'ACTOR_NOT_REVIEWER_OF_STAGE', message: '您不是主管部门审核阶段负责此申报表的审核人' },
    ]);
    // Who returned it is named, in the declaration and in the preparer's inbox, not left as an id.
    await client(api.app, tokens['dept-reviewer']!).act(id, 'return', submitted.body.version, '请补充').expect(200);
    const returned = await preparer.get(id).expect(200);
    expect(returned.body.people[returned.body.workflow.lastReturn.by]).toBe('演示·主管部门审核');
    await catchUpFully(api.app.get(DataSource), new DeclarationsProjection());
    const inbox = await http().get('/inbox?queue=returned').set(bearer(tokens.preparer!)).expect(200);
    const item = inbox.body.items.find((i: { id: string }) => i.id === id);
    expect(item.lastReturn).toMatchObject({ by: returned.body.workflow.lastReturn.by, byName: '演示·主管部门审核' });
  });

  it('says what the checks find, and why a submission is blocked, in Chinese, or in English on request', async () => {
    const preparer = client(api.app, tokens.preparer!);
    const body = soundBody();
    const indicators = body.indicators as { level1: string; name: string }[];
    // No cost indicator (blocking), and a name typed twice (a warning quoting it as typed).
    body.indicators = [...indicators.filter((i) => i.level1 !== '成本指标'), { ...indicators[1]!, target: '≥6(次)' }];
    const id = (await preparer.create(body).expect(201)).body.id as string;

    const zh = await preparer.checks(id).expect(200);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.body.findings).toEqual([
      expect.objectContaining({ code: 'INDICATOR_NAME_DUPLICATE', message: '三级指标“巡检次数”与第1行重复' }),
      expect.objectContaining({ code: 'COST_INDICATOR_MISSING', message: '缺少成本指标' }),
    ]);
    const en = await preparer.checks(id, { 'Accept-Language': 'en' }).expect(200);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.findings).toEqual([
      expect.objectContaining({ code: 'INDICATOR_NAME_DUPLICATE', message: 'Indicator “巡检次数” repeats row 1' }),
      expect.objectContaining({ code: 'COST_INDICATOR_MISSING', message: 'No cost indicator' }),
    ]);

    const blocked = await preparer.act(id, 'submit', 1).expect(422);
    expect(blocked.body).toEqual({
      code: 'SUBMISSION_BLOCKED',
      message: '申报表有强制性审核问题，请修改后再送审',
      errors: [{ path: 'indicators', code: 'COST_INDICATOR_MISSING', message: '缺少成本指标' }],
    });
    const blockedEn = await preparer.act(id, 'submit', 1, undefined, { 'Accept-Language': 'en' }).expect(422);
    expect(blockedEn.body).toEqual({
      code: 'SUBMISSION_BLOCKED',
      message: 'The declaration has blocking findings; fix them before submitting',
      errors: [{ path: 'indicators', code: 'COST_INDICATOR_MISSING', message: 'No cost indicator' }],
    });
  });

  it('keeps the warnings that travel with a submission as words, and says them in the reader’s language', async () => {
    const preparer = client(api.app, tokens.preparer!);
    const body = soundBody();
    const indicators = body.indicators as { name: string }[];
    body.indicators = [...indicators, { ...indicators[1]!, target: '≥6(次)' }];
    const id = (await preparer.create(body).expect(201)).body.id as string;
    const submitted = await preparer.act(id, 'submit', 1).expect(200);
    const duplicate = (warnings: { code: string; message: string }[]) =>
      warnings.find((w) => w.code === 'INDICATOR_NAME_DUPLICATE')?.message;
    expect(duplicate(submitted.body.workflow.warnings)).toBe('三级指标“巡检次数”与第2行重复');
    const english = await preparer.get(id, '', { 'Accept-Language': 'en' }).expect(200);
    expect(duplicate(english.body.workflow.warnings)).toBe('Indicator “巡检次数” repeats row 2');
    // The record holds the words (key and parameters), not one language's sentence.
    const [event] = await api.app
      .get(DataSource)
      .query(`SELECT data FROM events WHERE stream_id = $1 AND type = 'DeclarationSubmitted'`, [`declaration-${id}`]);
    expect(event.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'INDICATOR_NAME_DUPLICATE',
        message: { key: 'finding.INDICATOR_NAME_DUPLICATE', params: { name: '巡检次数', line: 2 } },
      }),
    );
  });

  it('shows a finding an older event recorded as Chinese text as recorded, in either language', async () => {
    // Drafted as an import was before findings were kept as words: its reader's finding is text.
    const recorded = '“巡检次数”衡量的是时间或及时性，却列在“数量指标”下';
    const body = soundBody();
    const content = {
      ...body,
      funds: {
        projectTotal: null,
        annualTotal: 38141984,
        currentYearAppropriation: 38141984,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
    } as unknown as DraftContent;
    const admin = { userId: 'system:test', role: 'admin' as const, unitId: null, departmentId: null };
    const origin = {
      kind: 'import' as const,
      fileSha256: '0'.repeat(64),
      formIndex: 1,
      findings: [
        {
          code: 'INDICATOR_LABEL_MISFIT',
          severity: 'warning' as const,
          path: 'indicators[1].level2',
          message: recorded,
        },
      ],
    };
    const drafted: CommandResult = await api.app
      .get(CommandBus)
      .execute(new DraftDeclaration(admin, 'sj-hrss-bureau', content, origin));
    const reader = client(api.app, tokens.admin!);
    for (const language of ['zh', 'en']) {
      const checks = await reader.checks(drafted.declarationId, { 'Accept-Language': language }).expect(200);
      expect(checks.body.findings).toEqual([
        expect.objectContaining({ code: 'INDICATOR_LABEL_MISFIT', message: recorded }),
      ]);
      const view = await reader.get(drafted.declarationId, '', { 'Accept-Language': language }).expect(200);
      expect(view.body.origin.findings).toEqual([expect.objectContaining({ message: recorded })]);
    }
  });

  it('answers a route that does not exist in Chinese too', async () => {
    const missing = await http().get('/no-such-route').set(bearer(tokens.admin!)).expect(404);
    expect(missing.body).toEqual({ code: 'NOT_FOUND', message: '未找到', errors: [] });
  });
});
