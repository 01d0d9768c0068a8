import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signatureOf, type DeliveryItem, type NotificationItem } from '@app/notices';
import { bearer } from '../support/auth.js';
import { soundBody } from '../support/declarations.js';
import { eventually, pause } from '../support/deadlines.js';
import { DUE, useDeadlines, WEBHOOK_SECRET } from '../support/notices.js';

const PUBLIC_URL = 'https://pta.example.org';
const UNIT = '上海市松江区人力资源和社会保障局（本级）';

/** Declarations whose webhook deliveries the receiver refuses for good (410), until let through. */
const refused = new Set<string>();

interface Sent {
  noticeId: string;
  kind: string;
  recipientId: string;
  title: string;
  body: string;
  stage: string | null;
  link: string;
}

describe('workflow notices: 待办到达, 已退回, 已驳回, 已批复, 已撤回, 调整已发起, once each, in-app, by webhook and e-mail', () => {
  const t = useDeadlines({ PUBLIC_URL: `${PUBLIC_URL}/` }, (body) =>
    refused.has(body.declarationId ?? '') ? 410 : 200,
  );
  const http = () => request(t.api.app.getHttpServer());
  const as = (who: string) => bearer(t.state.tokens[who]!);
  const person = (who: string) => t.state.people[who]!;
  /** The workflow notices about a declaration in the log, of one kind, by recipient's username. */
  const sent = async (id: string, kind: string): Promise<Record<string, Sent>> => {
    const rows = await t.db().query<{ data: Sent; username: string }[]>(
      `SELECT e.data, u.username FROM events e JOIN users u ON u.id::text = e.data->>'recipientId'
          WHERE e.type = 'NoticeSent' AND e.data->>'declarationId' = $1 AND e.data->>'kind' = $2`,
      [id, kind],
    );
    return Object.fromEntries(rows.map((r) => [r.username, r.data]));
  };
  const awaitSent = (id: string, kind: string, recipients: string[]) =>
    eventually(async () => {
      const notices = await sent(id, kind);
      return Object.keys(notices).sort().join() === [...recipients].sort().join() ? notices : null;
    });
  const inApp = (who: string, id: string, kind: string) =>
    eventually(async () => {
      const list = (await http().get('/notifications?pageSize=200').set(as(who)).expect(200)).body as {
        items: NotificationItem[];
      };
      return list.items.find((n) => n.declarationId === id && n.kind === kind);
    });
  const draft = async (projectName: string, who = 'preparer'): Promise<string> =>
    ((await person(who).create(soundBody({ projectName })).expect(201)).body as { id: string }).id;

  beforeAll(async () => {
    // The workers' clock a month before the due time: no deadline notice fires during these tests.
    t.workerClock.set(new Date('2025-09-01T00:00:00+08:00'));
    const addresses: [string, string][] = [
      ['preparer', 'li.na@example.org'],
      ['dept-reviewer', 'wang.fang@example.org'],
    ];
    for (const [who, email] of addresses) {
      await http().patch(`/users/${t.state.ids[who]}`).set(as('admin')).send({ email }).expect(200);
    }
    await t.startWorker();
  });

  let confirmedId = '';

  it('tells the reviewers who may act that a declaration arrived (待办到达), in the app, by e-mail and by webhook', async () => {
    const id = await draft('网络信息系统运行与维护');
    await person('preparer').act(id, 'submit', 1).expect(200);
    const notices = await awaitSent(id, 'arrival', ['dept-reviewer']);
    const notice = notices['dept-reviewer']!;
    const link = `${PUBLIC_URL}/console/declarations/${id}`;
    expect(notice.title).toBe('【待办到达】网络信息系统运行与维护（主管部门审核）');
    expect(notice.body).toContain(`${UNIT}的“网络信息系统运行与维护”（2025年度绩效目标申报表）已进入主管部门审核阶段`);
    expect(notice.body).toContain('请于2025年10月14日（周二）24:00前办理');
    expect(notice.body).toContain('提交人：演示·编制人（本级）');
    expect(notice.body).toContain(`查看详情：${link}`);
    expect(notice.link).toBe(link);

    const item = await inApp('dept-reviewer', id, 'arrival');
    expect(item).toMatchObject({ title: notice.title, stage: 'departmental_review', dueAt: DUE, link, readAt: null });
    const mail = await eventually(() =>
      t.state.smtp.mails.find((m) => m.subject === notice.title && m.text.includes(id)),
    );
    expect(mail.to).toEqual(['wang.fang@example.org']);
    expect(mail.text).toContain(link);
    const hook = await eventually(() =>
      t.state.sink.requests.find((r) => r.body.declarationId === id && r.body.kind === 'arrival'),
    );
    expect(hook.body).toMatchObject({ title: notice.title, link, stage: 'departmental_review' });
    expect(hook.headers['x-pta-signature-256']).toBe(signatureOf(WEBHOOK_SECRET, hook.raw));
  });

  it('tells the submitter and the unit’s preparers of a return (已退回): the stage, who, why; the next stage’s people of each arrival', async () => {
    const id = await draft('劳动关系共建');
    await person('preparer').act(id, 'submit', 1).expect(200);
    await person('dept-reviewer').act(id, 'approve', 2, '同意').expect(200);
    const arrived = await awaitSent(id, 'arrival', ['dept-reviewer', 'bureau-signer']);
    expect(arrived['bureau-signer']!.title).toBe('【待办到达】劳动关系共建（局领导审签）');
    expect(arrived['bureau-signer']!.body).toContain('上一环节经办人：演示·主管部门审核');
    await person('bureau-signer').act(id, 'return', 3, '请补充成本测算依据').expect(200);
    const returned = await awaitSent(id, 'returned', ['preparer', 'second-preparer']);
    const notice = returned.preparer!;
    expect(notice.title).toBe('【已退回】劳动关系共建（局领导审签）');
    expect(notice.stage).toBe('bureau_signoff');
    expect(notice.body).toContain(
      `${UNIT}的“劳动关系共建”（2025年度绩效目标申报表）在局领导审签阶段被演示·局领导审签退回`,
    );
    expect(notice.body).toContain('退回原因：请补充成本测算依据');
    expect(notice.body).not.toContain(t.state.ids['bureau-signer']!);
    expect(await inApp('second-preparer', id, 'returned')).toMatchObject({ title: notice.title });
    const mail = await eventually(() => t.state.smtp.mails.find((m) => m.subject === notice.title));
    expect(mail.to).toEqual(['li.na@example.org']); // the second preparer has no address
  });

  it('tells them of a confirmation (已批复), and the department’s reviewers when an amendment opens (调整已发起)', async () => {
    const id = (confirmedId = await draft('就业援助'));
    await person('preparer').act(id, 'submit', 1).expect(200);
    await person('dept-reviewer').act(id, 'approve', 2, '同意').expect(200);
    await person('bureau-signer').act(id, 'approve', 3, '同意').expect(200);
    await person('finance').act(id, 'approve', 4, '同意').expect(200);
    const arrived = await awaitSent(id, 'arrival', ['dept-reviewer', 'bureau-signer', 'finance']);
    expect(arrived.finance!.title).toBe('【待办到达】就业援助（财政确认）');
    const confirmed = await awaitSent(id, 'confirmed', ['preparer', 'second-preparer']);
    expect(confirmed.preparer!.title).toBe('【已批复】就业援助');
    expect(confirmed.preparer!.body).toContain('已由演示·财政局完成财政确认，绩效目标已批复');
    expect(confirmed.preparer!.stage).toBe('finance_confirmation');
    await person('preparer').act(id, 'amend', 5, '年中追加预算').expect(200);
    const opened = await awaitSent(id, 'amendment-opened', ['dept-reviewer']);
    expect(opened['dept-reviewer']!.title).toBe('【调整已发起】就业援助');
    expect(opened['dept-reviewer']!.body).toContain('演示·编制人（本级）对');
    expect(opened['dept-reviewer']!.body).toContain('发起了第1次调整，当前阶段：编制');
    expect(opened['dept-reviewer']!.body).toContain('调整原因：年中追加预算');
    expect(await inApp('dept-reviewer', id, 'amendment-opened')).toMatchObject({ link: expect.stringContaining(id) });
  });

  it('tells the reviewers who had it in their queue of a withdrawal (已撤回), and the unit of a rejection (已驳回)', async () => {
    const withdrawn = await draft('创业培训');
    await person('preparer').act(withdrawn, 'submit', 1).expect(200);
    await person('preparer').act(withdrawn, 'withdraw', 2, '需补充附件').expect(200);
    const told = await awaitSent(withdrawn, 'withdrawn', ['dept-reviewer']);
    expect(told['dept-reviewer']!.title).toBe('【已撤回】创业培训（主管部门审核）');
    expect(told['dept-reviewer']!.body).toContain('已由演示·编制人（本级）在主管部门审核阶段撤回');
    expect(told['dept-reviewer']!.body).toContain('撤回说明：需补充附件');

    const rejected = await draft('职业技能提升');
    await person('preparer').act(rejected, 'submit', 1).expect(200);
    await person('dept-reviewer').act(rejected, 'reject', 2, '项目不符合支出范围').expect(200);
    const rejections = await awaitSent(rejected, 'rejected', ['preparer', 'second-preparer']);
    expect(rejections.preparer!.title).toBe('【已驳回】职业技能提升（主管部门审核）');
    expect(rejections.preparer!.body).toContain('驳回原因：项目不符合支出范围');
    expect(await inApp('preparer', rejected, 'rejected')).toMatchObject({ stage: 'departmental_review' });
    // Another unit's preparer hears of none of it.
    const others = (await http().get('/notifications').set(as('employment-preparer')).expect(200)).body;
    expect(others.items).toEqual([]);
  });

  it('sends each notice once: deriving them again from the start of the log appends and delivers nothing', async () => {
    const count = async () =>
      Number((await t.db().query<{ n: string }[]>(`SELECT count(*) AS n FROM events WHERE type = 'NoticeSent'`))[0]!.n);
    await pause(500);
    const before = { sent: await count(), hooks: t.state.sink.requests.length, mails: t.state.smtp.mails.length };
    await t
      .db()
      .query(
        `UPDATE projection_checkpoints SET transaction_id = 0, global_position = 0 WHERE name = 'workflow-notices'`,
      );
    const second = await t.startWorker();
    // Caught up again from the start: its checkpoint stands on the log's last event once more.
    await eventually(async () => {
      const [row] = await t.db().query<{ at: boolean }[]>(
        `SELECT c.global_position = (SELECT max(global_position) FROM events) AS at
           FROM projection_checkpoints c WHERE c.name = 'workflow-notices'`,
      );
      return row!.at;
    });
    await pause(700);
    expect({ sent: await count(), hooks: t.state.sink.requests.length, mails: t.state.smtp.mails.length }).toEqual(
      before,
    );
    await t.stopWorker(second);
  });

  it('lets an admin send a delivery that failed for good again; 409 unless it failed, 404 for none, 403 for others', async () => {
    const id = await draft('养老服务');
    refused.add(id);
    await person('preparer').act(id, 'submit', 1).expect(200);
    const failed = await eventually(async () => {
      const items = (await http().get('/admin/notices/deliveries?status=failed').set(as('admin')).expect(200)).body
        .items as DeliveryItem[];
      return items.find((d) => d.declarationId === id);
    });
    expect(failed).toMatchObject({ channel: 'webhook', kind: 'arrival', error: 'Webhook 接收方返回 HTTP 410' });
    expect(failed.id).toBe(`${failed.noticeId}-webhook`);
    await http().post(`/admin/notices/deliveries/${failed.id}/retry`).set(as('dept-reviewer')).expect(403);
    refused.delete(id);
    const retried = await http().post(`/admin/notices/deliveries/${failed.id}/retry`).set(as('admin')).expect(200);
    expect(retried.body).toEqual({
      id: failed.id,
      noticeId: failed.noticeId,
      channel: 'webhook',
      status: 'pending',
      round: 1,
    });
    expect(retried.headers['x-log-position']).toEqual(expect.any(String));
    const delivered = await eventually(async () => {
      const items = (await http().get('/admin/notices/deliveries?status=delivered').set(as('admin')).expect(200)).body
        .items as DeliveryItem[];
      return items.find((d) => d.id === failed.id);
    });
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, error: null });
    expect(t.state.sink.requests.filter((r) => r.body.id === failed.noticeId).map((r) => r.status)).toEqual([410, 200]);
    const again = await http().post(`/admin/notices/deliveries/${failed.id}/retry`).set(as('admin')).expect(409);
    expect(again.body).toMatchObject({ code: 'DELIVERY_NOT_FAILED', status: 'delivered' });
    const mail = `${failed.noticeId}-email`;
    expect(
      (await http().post(`/admin/notices/deliveries/${mail}/retry`).set(as('admin')).expect(409)).body.status,
    ).toBe('delivered');
    await http().post(`/admin/notices/deliveries/${failed.noticeId}-sms/retry`).set(as('admin')).expect(404);
    await http().post('/admin/notices/deliveries/nothing/retry').set(as('admin')).expect(404);
    const history = (await http().get(`/declarations/${id}/history`).set(as('auditor')).expect(200)).body;
    const types = history.entries.filter((e: { notice?: unknown }) => e.notice).map((e: { type: string }) => e.type);
    expect(types).toContain('NoticeDeliveryRetried');
  });

  it('keeps counting an amended declaration’s confirmed revision as confirmed, the change apart; one budget year by default', async () => {
    const stats = async (query: string) =>
      (await http().get(`/stats?${query}`).set(as('finance')).expect(200)).body as {
        year: number;
        yearDefaulted: boolean;
        byUnit: {
          id: string;
          byState: Record<string, { count: number; annualTotal: number }>;
          pendingAmendments: unknown;
        }[];
      };
    const patched = await http()
      .patch(`/declarations/${confirmedId}`)
      .set(as('preparer'))
      .set('If-Match', '"6"')
      .send({ funds: { annualTotal: 400000, currentYearAppropriation: 400000 } })
      .expect(200);
    const after = `after=${patched.headers['x-log-position']}&waitMs=10000`;
    const bureau = (await stats(`year=2025&unit=sj-hrss-bureau&${after}`)).byUnit[0]!;
    expect(bureau.byState.confirmed).toEqual({ count: 1, annualTotal: 381419.84 });
    expect(bureau.pendingAmendments).toEqual({ count: 1, annualTotal: 400000, change: 18580.16 });
    expect(bureau.byState.draft).toBeDefined();
    expect(Object.values(bureau.byState).reduce((n, s) => n + s.count, 0)).toBe(6);

    // A 2026 draft does not mix into 2025's totals: without a year, the current one (the API's clock: 2025).
    const body = soundBody({
      year: 2026,
      projectName: '2026年网络运维',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
    });
    const created = await person('preparer').create(body).expect(201);
    const defaulted = await stats(`unit=sj-hrss-bureau&after=${created.headers['x-log-position']}&waitMs=10000`);
    expect(defaulted).toMatchObject({ year: 2025, yearDefaulted: true });
    expect(defaulted.byUnit[0]!.byState.draft).toEqual(bureau.byState.draft);
    const in2026 = await stats('year=2026&unit=sj-hrss-bureau');
    expect(in2026).toMatchObject({ year: 2026, yearDefaulted: false });
    expect(in2026.byUnit[0]!.byState).toEqual({ draft: { count: 1, annualTotal: 381419.84 } });
  });
});
