import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signatureOf, type DeliveryItem } from '@app/notices';
import { bearer } from '../support/auth.js';
import { eventually, pause } from '../support/deadlines.js';
import { DEADLINE_KINDS, DUE, useDeadlines, WEBHOOK_SECRET } from '../support/notices.js';

/** How the test's webhook receiver answers, per declaration: fail twice, fail always, or refuse for good. */
const policies = new Map<string, 'flaky' | 'down' | 'gone'>();

describe('notices: stored per person, delivered by webhook and e-mail, recorded in the log', () => {
  const t = useDeadlines({}, (body, seenBefore) => {
    const policy = policies.get(body.declarationId ?? '');
    if (policy === 'flaky') return seenBefore < 2 ? 503 : 200;
    if (policy === 'down') return 500;
    if (policy === 'gone') return 410;
    return 200;
  });
  const http = () => request(t.api.app.getHttpServer());
  const as = (who: string) => bearer(t.state.tokens[who]!);
  /** The deliveries of deadline notices (the workflow's own are tested in workflow-notices.e2e-spec.ts). */
  const deliveries = async (status: string): Promise<DeliveryItem[]> => {
    const response = await http().get(`/admin/notices/deliveries?status=${status}`).set(as('admin')).expect(200);
    return (response.body as { items: DeliveryItem[] }).items.filter((d) => DEADLINE_KINDS.includes(d.kind));
  };
  let flaky = '';

  beforeAll(async () => {
    await t.startWorker();
  });

  it('delivers to the webhook after retrying with backoff, signed, and records the delivery', async () => {
    t.dueIn(2_500);
    flaky = await t.submitted('网络信息系统运行与维护');
    policies.set(flaky, 'flaky');
    const hooks = await eventually(() => {
      const mine = t.deadlineHooks(flaky);
      return mine.filter((r) => r.status === 200).length === 3 ? mine : null;
    }, 10_000);
    for (const notice of new Set(hooks.map((h) => h.body.id))) {
      const tries = hooks.filter((h) => h.body.id === notice);
      expect(tries.map((h) => [h.status, h.headers['x-pta-delivery-attempt']])).toEqual([
        [503, '1'],
        [503, '2'],
        [200, '3'],
      ]);
      for (const hook of tries) expect(hook.headers['x-pta-signature-256']).toBe(signatureOf(WEBHOOK_SECRET, hook.raw));
    }
    expect(hooks[0]!.body).toMatchObject({
      kind: 'reminder',
      declarationId: flaky,
      stage: 'departmental_review',
      dueAt: DUE,
    });
    const delivered = await eventually(async () => {
      const mine = (await deliveries('delivered')).filter((d) => d.declarationId === flaky);
      return mine.length === 3 ? mine : null;
    });
    expect(delivered[0]).toMatchObject({ channel: 'webhook', status: 'delivered', attempts: 3, error: null });
  });

  it('reports a delivery that keeps failing, or is refused for good, to admins', async () => {
    t.dueIn(2_500);
    const down = await t.submitted('劳动关系共建');
    const gone = await t.submitted('就业援助');
    policies.set(down, 'down');
    policies.set(gone, 'gone');
    const failed = await eventually(async () => {
      const items = await deliveries('failed');
      return items.length === 6 ? items : null;
    }, 12_000);
    const downs = failed.filter((d) => d.declarationId === down);
    expect(downs).toHaveLength(3);
    expect(downs[0]).toMatchObject({
      channel: 'webhook',
      attempts: 3,
      error: 'Webhook 接收方返回 HTTP 500',
      errorDetail: '500 Internal Server Error',
    });
    expect(downs.map((d) => d.recipient.username).sort()).toEqual(['bureau-signer', 'dept-reviewer', 'dept-reviewer']);
    // The log keeps the reason as a message key and what the receiver said beside it.
    const recorded = await t.api.app
      .get(DataSource)
      .query<{ data: Record<string, unknown> }[]>(
        `SELECT data FROM events WHERE type = 'NoticeDeliveryFailed' AND stream_id = 'notice-' || $1`,
        [downs[0]!.noticeId],
      );
    expect(recorded.map((r) => r.data)).toEqual([
      expect.objectContaining({
        reason: { key: 'delivery.webhookAnswered', params: { status: 500 } },
        detail: '500 Internal Server Error',
      }),
    ]);
    const gones = failed.filter((d) => d.declarationId === gone);
    expect(gones.map((d) => [d.attempts, d.error])).toEqual(Array(3).fill([1, 'Webhook 接收方返回 HTTP 410']));
    expect(t.deadlineHooks(gone)).toHaveLength(3);
    // The reason is words for the admin reading it: English on Accept-Language: en.
    const english = await http()
      .get('/admin/notices/deliveries?status=failed')
      .set(as('admin'))
      .set('Accept-Language', 'en')
      .expect(200);
    expect((english.body as { items: DeliveryItem[] }).items.map((d) => d.error)).toContain(
      'The webhook answered HTTP 410',
    );
    await http().get('/admin/notices/deliveries?status=failed').set(as('dept-reviewer')).expect(403);
    await http().get('/admin/notices/deliveries?status=lost').set(as('admin')).expect(400);
  });

  it('e-mails each notice over SMTP to whoever has an address', async () => {
    const reviewer = t.state.ids['dept-reviewer']!;
    await http().patch(`/users/${reviewer}`).set(as('admin')).send({ email: 'wang.fang@example.org' }).expect(200);
    t.dueIn(2_500);
    const id = await t.submitted('创业培训');
    const mails = await eventually(() => {
      const mine = t.state.smtp.mails.filter((m) => m.text.includes(id) && !m.subject.startsWith('【待办到达】'));
      return mine.length === 2 ? mine : null;
    }, 10_000);
    expect(mails.map((m) => m.to)).toEqual([['wang.fang@example.org'], ['wang.fang@example.org']]);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      '【即将到期】创业培训（主管部门审核）',
      '【已逾期】创业培训（主管部门审核）',
    ]);
    expect(mails[0]!.from).toBe('pta@example.org');
    expect(mails[0]!.text).toContain('上海市松江区人力资源和社会保障局（本级）的“创业培训”（2025年度绩效目标申报表）');
    expect(mails[0]!.text).toContain('2025年10月14日（周二）24:00');
    expect(mails[0]!.text).toContain(`查看详情：http://localhost:3000/console/declarations/${id}`);
    await eventually(async () => (await t.noticesAbout(id)).length === 3);
    const escalation = (await t.noticesAbout(id)).find((n) => n.kind === 'escalation')!;
    expect(escalation.channels).toEqual(['webhook']); // the bureau signer has no address
  });

  it('lists my notices, counts the unread, and records reading one in the log', async () => {
    const list = (await http().get('/notifications').set(as('dept-reviewer')).expect(200)).body;
    const mine = list.items.filter(
      (n: { declarationId: string; kind: string }) => n.declarationId === flaky && DEADLINE_KINDS.includes(n.kind),
    );
    expect(mine.map((n: { kind: string }) => n.kind).sort()).toEqual(['overdue', 'reminder']);
    expect(mine[0]).toMatchObject({ stage: 'departmental_review', dueAt: DUE, readAt: null, channels: ['webhook'] });
    const { unread } = (await http().get('/notifications/unread-count').set(as('dept-reviewer')).expect(200)).body;
    expect(unread).toBe(list.unread);
    const read = await http().post(`/notifications/${mine[0].id}/read`).set(as('dept-reviewer')).expect(200);
    expect(read.body).toEqual({ id: mine[0].id, readAt: expect.any(String) });
    const after = `after=${read.headers['x-log-position']}&waitMs=10000`;
    const unreadNow = (await http().get(`/notifications?unread=true&${after}`).set(as('dept-reviewer')).expect(200))
      .body;
    expect(unreadNow.unread).toBe(unread - 1);
    expect(unreadNow.items.map((n: { id: string }) => n.id)).not.toContain(mine[0].id);
    const again = await http().post(`/notifications/${mine[0].id}/read`).set(as('dept-reviewer')).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    await http().post(`/notifications/${mine[0].id}/read`).set(as('bureau-signer')).expect(404);
    await http().post('/notifications/not-a-notice/read').set(as('dept-reviewer')).expect(404);
    await http().get('/notifications').expect(401);
  });

  it('shows the notices in the declaration’s history, on their own streams, the version untouched', async () => {
    const history = (await http().get(`/declarations/${flaky}/history`).set(as('auditor')).expect(200)).body;
    expect(history.version).toBe(2);
    type Entry = { type: string; notice?: { id: string; kind?: string } };
    const deadline = new Set(
      history.entries
        .filter((e: Entry) => e.type === 'NoticeSent' && DEADLINE_KINDS.includes(e.notice!.kind!))
        .map((e: Entry) => e.notice!.id),
    );
    const notices = history.entries.filter((e: Entry) => e.notice && deadline.has(e.notice.id));
    expect(notices.map((e: { type: string }) => e.type).sort()).toEqual([
      'NoticeDelivered',
      'NoticeDelivered',
      'NoticeDelivered',
      'NoticeRead',
      'NoticeSent',
      'NoticeSent',
      'NoticeSent',
    ]);
    const sent = notices.find((e: { type: string; notice: { kind: string } }) => e.notice.kind === 'escalation');
    expect(sent).toMatchObject({
      streamId: `notice-${sent.notice.id}`,
      version: 2,
      stage: { before: 'departmental_review', after: 'departmental_review' },
      actor: { id: 'system:notices', role: 'system' },
      comment: '【逾期督办】网络信息系统运行与维护（主管部门审核）',
      notice: { kind: 'escalation', recipient: { username: 'bureau-signer' }, dueAt: DUE },
    });
    const reading = notices.find((e: { type: string }) => e.type === 'NoticeRead');
    expect(reading.actor).toMatchObject({ username: 'dept-reviewer', role: 'department_reviewer' });
    const verified = (await http().get(`/audit/verify`).set(as('auditor')).expect(200)).body;
    expect(verified.ok).toBe(true);
  });

  it('sends nothing again when the notices read model is rebuilt', async () => {
    const sent = async () =>
      Number((await t.db().query<{ n: string }[]>(`SELECT count(*) AS n FROM events WHERE type = 'NoticeSent'`))[0]!.n);
    // Earlier tests' deliveries settle first (a webhook call can still be on its way under load):
    // every channel of every notice sent has its outcome in the log.
    await eventually(async () => {
      const [open] = await t.db().query<{ n: string }[]>(
        `SELECT (SELECT coalesce(sum(jsonb_array_length(data->'channels')), 0) FROM events WHERE type = 'NoticeSent')
              - (SELECT count(*) FROM events WHERE type IN ('NoticeDelivered', 'NoticeDeliveryFailed')) AS n`,
      );
      return Number(open!.n) === 0;
    });
    const before = { sent: await sent(), hooks: t.state.sink.requests.length, mails: t.state.smtp.mails.length };
    const rows = () => t.db().query<unknown[]>(`SELECT * FROM notices ORDER BY notice_id`);
    const tableBefore = await rows();
    const started = await http().post('/admin/read-models/notices/rebuild').set(as('admin')).expect(202);
    await eventually(async () => {
      const models = (await http().get('/admin/read-models').set(as('admin')).expect(200)).body;
      const notices = models.find((m: { name: string }) => m.name === 'notices');
      return notices.rebuild?.id === started.body.rebuildId && notices.rebuild.status === 'completed';
    });
    await pause(500);
    expect(await rows()).toEqual(tableBefore);
    expect({ sent: await sent(), hooks: t.state.sink.requests.length, mails: t.state.smtp.mails.length }).toEqual(
      before,
    );
  });
});
