import { afterAll, beforeAll } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { bullConnection, QUEUE, type QueueName } from '@app/jobs';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { silentLogger, useApi } from './app.js';
import { client, seedPeople, soundBody } from './declarations.js';
import { OffsetClock, startWebhookSink, type WebhookRequest } from './deadlines.js';
import { startSmtpSink } from './smtp-sink.js';

/** Tuesday 30 September 2025, 15:20 in Shanghai: a stage entered now is due across the National Day holidays. */
export const ENTERED = new Date('2025-09-30T15:20:00+08:00');
/** Five working days later: Thu 10/9, Fri 10/10, Sat 10/11 (调休), Mon 10/13, Tue 10/14, at 24:00. */
export const DUE = '2025-10-14T16:00:00.000Z';
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const LEAD_MS = 800;
export const ESCALATION_MS = 700;

/** The deadline notices; the workflow's own (待办到达 …) are tested in workflow-notices.e2e-spec.ts. */
export const DEADLINE_KINDS: readonly string[] = ['reminder', 'overdue', 'escalation'];

export interface NoticeRow {
  noticeId: string;
  kind: string;
  recipientId: string;
  title: string;
  body: string;
  declarationId: string | null;
  stage: string | null;
  items: string[];
  channels: string[];
  at: string;
}

/**
 * The API, whose clock stands on ENTERED, and workers whose clock the test sets so that DUE falls
 * a moment ahead in real time (compressed lead and escalation delays); a webhook receiver and an
 * SMTP server, both local.
 */
export function useDeadlines(
  extra: Record<string, string> = {},
  answer?: (body: WebhookRequest['body'], seenBefore: number) => number,
) {
  const overrides: Record<string, string> = {
    REMINDER_LEAD: `${LEAD_MS}ms`,
    ESCALATION_DELAY: `${ESCALATION_MS}ms`,
    WEBHOOK_SECRET,
    NOTICE_DELIVERY_ATTEMPTS: '3',
    NOTICE_DELIVERY_BACKOFF: '100ms',
    // No checkpoint schedule: its webhook posts and e-mails would mix with the notices counted
    // (ledger-publication.e2e-spec.ts runs the checkpoint job itself).
    CHECKPOINT_INTERVAL: '0',
    ...extra,
  };
  const workerClock = new OffsetClock();
  const state = {} as {
    sink: Awaited<ReturnType<typeof startWebhookSink>>;
    smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    tokens: Record<string, string>;
    people: Record<string, ReturnType<typeof client>>;
    ids: Record<string, string>;
    workers: INestApplicationContext[];
    queues: Partial<Record<QueueName, Queue>>;
  };
  beforeAll(async () => {
    state.sink = await startWebhookSink(answer);
    state.smtp = await startSmtpSink();
    overrides.WEBHOOK_URL = state.sink.url;
    overrides.SMTP_URL = state.smtp.url;
    overrides.MAIL_FROM = '绩效目标申报系统 <pta@example.org>';
  });
  const api = useApi(overrides, { clock: new OffsetClock(ENTERED) });
  beforeAll(async () => {
    state.tokens = await seedPeople(api.app);
    state.people = Object.fromEntries(Object.entries(state.tokens).map(([name, t]) => [name, client(api.app, t)]));
    const rows = await db().query<{ id: string; username: string }[]>(`SELECT id::text AS id, username FROM users`);
    state.ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
    state.workers = [];
    state.queues = {};
  });
  afterAll(async () => {
    await Promise.all(state.workers.map((w) => w.close()));
    for (const queue of Object.values(state.queues)) {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await state.sink?.close();
    await state.smtp?.close();
  });

  const db = () => api.app.get(DataSource);
  const queue = (name: QueueName): Queue =>
    (state.queues[name] ??= new Queue(name, {
      connection: bullConnection(api.config.redis.url),
      prefix: api.config.redis.queuePrefix,
    }));

  return {
    api,
    state,
    workerClock,
    db,
    queue,
    /** The workers' clock such that DUE is `ms` ahead in real time. */
    dueIn: (ms: number) => workerClock.set(new Date(Date.parse(DUE) - ms)),
    startWorker: async () => {
      const worker = await createWorker(api.config, silentLogger, { clock: workerClock });
      state.workers.push(worker);
      return worker;
    },
    stopWorker: async (worker: INestApplicationContext) => {
      await worker.close();
      state.workers = state.workers.filter((w) => w !== worker);
    },
    /** A sound declaration of the bureau, submitted (entered departmental review at ENTERED). */
    submitted: async (projectName: string): Promise<string> => {
      const preparer = state.people.preparer!;
      const id = ((await preparer.create(soundBody({ projectName })).expect(201)).body as { id: string }).id;
      await preparer.act(id, 'submit', 1).expect(200);
      return id;
    },
    /** The notices sent about a declaration, from the log: its deadline notices unless other kinds are asked for. */
    noticesAbout: async (declarationId: string, kinds = DEADLINE_KINDS): Promise<NoticeRow[]> => {
      const rows = await db().query<{ data: NoticeRow }[]>(
        `SELECT data FROM events WHERE type = 'NoticeSent' AND data->>'declarationId' = $1 AND data->>'kind' = ANY($2)
          ORDER BY global_position`,
        [declarationId, kinds],
      );
      return rows.map((r) => r.data);
    },
    /** What the webhook received of a declaration's deadline notices. */
    deadlineHooks: (declarationId: string): WebhookRequest[] =>
      state.sink.requests.filter((r) => r.body.declarationId === declarationId && DEADLINE_KINDS.includes(r.body.kind)),
    jobState: (id: string) => queue(QUEUE.deadlines).getJobState(id),
  };
}
