import { describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { QUEUE } from '@app/jobs';
import { signatureOf } from '@app/notices';
import { DeadlineNotices, type DigestReport, type RescheduleReport } from '@app/deadlines';
import { deadlines } from '../../apps/cli/src/deadlines.js';
import { bearer } from '../support/auth.js';
import { soundBody } from '../support/declarations.js';
import { eventually, flushQueues, pause } from '../support/deadlines.js';
import { DUE, ESCALATION_MS, LEAD_MS, useDeadlines, WEBHOOK_SECRET } from '../support/notices.js';

describe('deadlines: reminders, overdue notices and escalations on BullMQ', () => {
  const t = useDeadlines();
  let worker: INestApplicationContext;
  const kinds = async (id: string) => (await t.noticesAbout(id)).map((n) => `${n.kind}→${n.recipientId}`).sort();
  const job = (kind: string, id: string) => `${kind}-${id}-2`;

  it('records on submission when the stage is due by the budget calendar, and refuses a year without one', async () => {
    const preparer = t.state.people.preparer!;
    const id = ((await preparer.create(soundBody({ projectName: '业务培训' })).expect(201)).body as { id: string }).id;
    const submitted = await preparer.act(id, 'submit', 1).expect(200);
    expect(submitted.body.workflow).toMatchObject({ status: 'departmental_review', dueAt: DUE });
    // 2027 ships with its cycle (and Monday to Friday until its holidays are entered); 2028 has none yet.
    const year2028 = soundBody({ year: 2028, plannedStart: '2028-01-01', plannedEnd: '2028-12-31' });
    const later = ((await preparer.create(year2028).expect(201)).body as { id: string }).id;
    const refused = await preparer.act(later, 'submit', 1).expect(422);
    expect(refused.body).toMatchObject({ code: 'CALENDAR_MISSING', year: 2028 });
    expect(refused.body.message).toContain('PUT /admin/budget-years/2028');
    worker = await t.startWorker();
    const inbox = await request(t.api.app.getHttpServer())
      .get(`/inbox?after=${submitted.headers['x-log-position']}&waitMs=10000`)
      .set(bearer(t.state.tokens['dept-reviewer']!))
      .expect(200);
    expect(inbox.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, dueAt: DUE })]));
  });

  it('reminds the reviewers before the due time, tells them at it, then escalates to the bureau signer', async () => {
    t.dueIn(2_500);
    const id = await t.submitted('网络信息系统运行与维护');
    const { ids } = t.state;
    const all = await eventually(async () => ((await t.noticesAbout(id)).length === 3 ? t.noticesAbout(id) : null));
    const [reminder, overdue, escalation] = ['reminder', 'overdue', 'escalation'].map((k) =>
      all.find((n) => n.kind === k)!,
    );
    expect(reminder).toMatchObject({ recipientId: ids['dept-reviewer'], stage: 'departmental_review' });
    expect(Date.parse(reminder!.at)).toBeGreaterThanOrEqual(Date.parse(DUE) - LEAD_MS - 50);
    expect(Date.parse(reminder!.at)).toBeLessThan(Date.parse(DUE));
    expect(overdue).toMatchObject({ recipientId: ids['dept-reviewer'] });
    expect(Date.parse(overdue!.at)).toBeGreaterThanOrEqual(Date.parse(DUE));
    expect(escalation).toMatchObject({ recipientId: ids['bureau-signer'] });
    expect(Date.parse(escalation!.at)).toBeGreaterThanOrEqual(Date.parse(DUE) + ESCALATION_MS);
    expect(overdue!.title).toBe('【已逾期】网络信息系统运行与维护（主管部门审核）');
    expect(overdue!.body).toContain('上海市松江区人力资源和社会保障局（本级）的“网络信息系统运行与维护”');
    expect(overdue!.body).toContain('2025年10月14日（周二）24:00');
    // Each one went to the webhook once, signed.
    const hooks = await eventually(() => {
      const mine = t.deadlineHooks(id);
      return mine.length === 3 ? mine : null;
    });
    for (const hook of hooks) expect(hook.headers['x-pta-signature-256']).toBe(signatureOf(WEBHOOK_SECRET, hook.raw));
  });

  it('sends nothing once the declaration has moved on', async () => {
    t.dueIn(2_500);
    const id = await t.submitted('劳动关系共建');
    await eventually(async () => (await t.jobState(job('escalation', id))) === 'delayed');
    await t.state.people['dept-reviewer']!.act(id, 'return', 2, '补充成本测算依据').expect(200);
    await eventually(async () => (await t.jobState(job('escalation', id))) === 'completed', 8_000);
    expect(await t.noticesAbout(id)).toEqual([]);
    const fired = await t.queue(QUEUE.deadlines).getJob(job('overdue', id));
    expect(fired?.returnvalue).toEqual({ outcome: 'moved-on', sent: 0 });
  });

  it('sends each notice once when the worker restarts mid-schedule, or the same job runs again', async () => {
    t.dueIn(4_000);
    const id = await t.submitted('就业援助');
    await eventually(async () => (await t.jobState(job('reminder', id))) === 'delayed');
    await t.stopWorker(worker);
    worker = await t.startWorker();
    // Webhooks go out after the notices are recorded: wait for both before counting.
    await eventually(async () => (await t.noticesAbout(id)).length === 3 && t.deadlineHooks(id).length >= 3, 10_000);
    // A job that ran, sent, and died before BullMQ heard of it runs again: nothing more is sent.
    const again = await worker
      .get(DeadlineNotices)
      .fire({ kind: 'overdue', declarationId: id, stage: 'departmental_review', enteredVersion: 2 });
    expect(again).toEqual({ outcome: 'sent', recipients: 1, sent: 0 });
    await pause(500);
    expect(await kinds(id)).toEqual(
      [
        `escalation→${t.state.ids['bureau-signer']}`,
        `overdue→${t.state.ids['dept-reviewer']}`,
        `reminder→${t.state.ids['dept-reviewer']}`,
      ].sort(),
    );
    expect(t.deadlineHooks(id)).toHaveLength(3);
  });

  it('sends each notice once with two workers running', async () => {
    const second = await t.startWorker();
    t.dueIn(2_000);
    const id = await t.submitted('养老服务');
    // Webhooks go out after the notices are recorded: wait for both before counting.
    await eventually(async () => (await t.noticesAbout(id)).length === 3 && t.deadlineHooks(id).length >= 3, 10_000);
    await pause(700);
    expect(await t.noticesAbout(id)).toHaveLength(3);
    expect(t.deadlineHooks(id)).toHaveLength(3);
    await t.stopWorker(second);
  });

  it('derives the schedule again from the log after Redis lost it: by command, and by itself on start', async () => {
    t.dueIn(4_000);
    const byCommand = await t.submitted('创业培训');
    await eventually(async () => (await t.jobState(job('overdue', byCommand))) === 'delayed');
    await t.stopWorker(worker);
    await flushQueues(t.api.config.redis.url, t.api.config.redis.queuePrefix);
    expect(await t.jobState(job('overdue', byCommand))).toBe('unknown');
    let printed = '';
    const report = await deadlines(t.api.config, ['reschedule'], t.workerClock, (text) => (printed += text));
    expect(JSON.parse(printed)).toEqual(report);
    expect(report!.deadlineJobs).toBeGreaterThanOrEqual(3);
    expect(await t.jobState(job('overdue', byCommand))).toBe('delayed');
    worker = await t.startWorker();
    await eventually(async () => (await t.noticesAbout(byCommand)).length === 3, 8_000);

    t.dueIn(3_000);
    const byItself = await t.submitted('职业技能提升');
    await eventually(async () => (await t.jobState(job('overdue', byItself))) === 'delayed');
    await t.stopWorker(worker);
    await flushQueues(t.api.config.redis.url, t.api.config.redis.queuePrefix);
    worker = await t.startWorker();
    await eventually(async () => (await t.noticesAbout(byItself)).length === 3, 8_000);
    await pause(500);
    for (const id of [byCommand, byItself]) expect(await t.noticesAbout(id)).toHaveLength(3);
  });

  it('re-derives on the maintenance queue, and adds none of the jobs that already ran: nothing is sent twice', async () => {
    t.dueIn(2_000);
    const id = await t.submitted('就业见习');
    await eventually(async () => (await t.noticesAbout(id)).length === 3 && t.deadlineHooks(id).length >= 3, 10_000);
    await eventually(async () => (await t.jobState(job('escalation', id))) === 'completed');
    const finished = async () =>
      Promise.all(
        ['overdue', 'escalation'].map(async (k) => (await t.queue(QUEUE.deadlines).getJob(job(k, id)))!.finishedOn),
      );
    const before = await finished();
    const asked = await request(t.api.app.getHttpServer())
      .post('/admin/deadlines/reschedule')
      .set(bearer(t.state.tokens.admin!))
      .expect(202);
    const rederive = await eventually(async () => {
      const found = await t.queue(QUEUE.maintenance).getJob(asked.body.jobId as string);
      return (await found?.isCompleted()) ? found : null;
    });
    expect(rederive.name).toBe('reschedule-deadlines');
    // Past its due time the stay still plans its overdue notice and escalation: both ids are held.
    expect((rederive.returnvalue as RescheduleReport).deadlineJobs).toBeGreaterThanOrEqual(2);
    await pause(500);
    expect(await finished()).toEqual(before);
    expect(await t.noticesAbout(id)).toHaveLength(3);
    expect(t.deadlineHooks(id)).toHaveLength(3);
  });

  it('hands a re-derive left on the deadlines queue by an older version to the maintenance queue, which runs it', async () => {
    const left = await t.queue(QUEUE.deadlines).add('reschedule-deadlines', { requestedBy: null });
    const handed = await eventually(async () => {
      const found = await t.queue(QUEUE.deadlines).getJob(left.id!);
      return (await found?.isCompleted()) ? (found!.returnvalue as { movedTo: string; jobId: string }) : null;
    });
    // Its id follows from the job handed on: a second run of that job would add none.
    expect(handed).toEqual({ movedTo: QUEUE.maintenance, jobId: `reschedule-from-deadlines-${left.id}` });
    const rederive = await eventually(async () => {
      const found = await t.queue(QUEUE.maintenance).getJob(handed.jobId);
      return (await found?.isCompleted()) ? found : null;
    });
    expect(rederive.name).toBe('reschedule-deadlines');
    expect(rederive.returnvalue as RescheduleReport).toEqual(
      expect.objectContaining({ deadlineJobs: expect.any(Number) }),
    );
  });

  it('sends the daily digests once a day: units their unsubmitted declarations, reviewers their overdue items', async () => {
    const preparer = t.state.people.preparer!;
    const body = soundBody({
      year: 2026,
      projectName: '2026年网络运维',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
    });
    await preparer.create(body).expect(201);
    // A draft discarded (作废) is reminded of never.
    const duplicate = await preparer.create({ ...body, projectName: '2026年重复导入' }).expect(201);
    const discarded = await preparer.act(duplicate.body.id as string, 'discard', 1, '重复导入').expect(200);
    await request(t.api.app.getHttpServer())
      .get(`/declarations?after=${discarded.headers['x-log-position']}&waitMs=10000`)
      .set(bearer(t.state.tokens.preparer!))
      .expect(200);
    t.workerClock.set(new Date('2025-10-28T08:00:00+08:00')); // a Tuesday, three days before the 2026 deadline
    const run = async () => {
      const digest = await t.queue(QUEUE.deadlines).add('daily-digests', {});
      return eventually(async () => {
        const done = await t.queue(QUEUE.deadlines).getJob(digest.id!);
        return (await done?.isCompleted()) ? (done!.returnvalue as DigestReport) : null;
      });
    };
    // 2027's holidays are not entered: the admin and the budget officer are told, once a day.
    expect(await run()).toEqual({
      day: '2025-10-28',
      skipped: false,
      submissionReminders: 2,
      overdueDigests: 1,
      holidayWarnings: 2,
    });
    const [holidays] = await t
      .db()
      .query<{ data: { title: string; body: string } }[]>(
        `SELECT data FROM events WHERE type = 'NoticeSent' AND data->>'kind' = 'holidays-missing' AND data->>'recipientId' = $1`,
        [t.state.ids.admin],
      );
    expect(holidays!.data.title).toBe('【节假日未录入】2027年的节假日安排尚未录入');
    const [due] = await t
      .db()
      .query<{ data: { title: string; body: string; recipientId: string } }[]>(
        `SELECT data FROM events WHERE type = 'NoticeSent' AND data->>'kind' = 'submission-due' AND data->>'recipientId' = $1`,
        [t.state.ids.preparer],
      );
    expect(due!.data.title).toBe('【申报截止提醒】2026年度绩效目标申报将于2025年10月31日（周五）截止');
    expect(due!.data.body).toContain('1. 2026年网络运维');
    expect(due!.data.body).not.toContain('2026年重复导入');
    const [digest] = await t
      .db()
      .query<{ data: { title: string; body: string } }[]>(
        `SELECT data FROM events WHERE type = 'NoticeSent' AND data->>'kind' = 'overdue-digest' AND data->>'recipientId' = $1`,
        [t.state.ids['dept-reviewer']],
      );
    expect(digest!.data.body).toContain(
      '网络信息系统运行与维护（上海市松江区人力资源和社会保障局（本级），主管部门审核，2025年10月14日（周二）24:00到期）',
    );
    expect(await run()).toEqual({
      day: '2025-10-28',
      skipped: false,
      submissionReminders: 0,
      overdueDigests: 0,
      holidayWarnings: 0,
    });
    t.workerClock.set(new Date('2025-10-04T08:00:00+08:00')); // National Day holidays
    expect(await run()).toMatchObject({ skipped: true });
  });
});
