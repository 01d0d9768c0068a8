import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/database';
import type { Stage } from '@app/declarations';
import { seedIdentity } from '@app/identity';
import { CATCH_UP_JOB_OPTIONS, QUEUE, type JobPayloads, type QueueName } from '@app/jobs';
import { deadlineJobId, type DeadlineKind } from '@app/deadlines';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { soundBody } from '../support/declarations.js';
import { LoggedDeclarations, seededActors, withQueue, type Logged } from '../support/fault-deadlines.js';
import { httpClient } from '../support/http-client.js';
import { ServiceProcess } from '../support/processes.js';
import { freePort, ThrowawayRedis, waitFor } from '../support/throwaway.js';
import { PostgresEventStore } from '@app/event-store';
import { testKeys } from '../support/keys.js';

/** Compressed for the worker, so that a stay's notices fall within seconds of the real clock. */
const LEAD_MS = 6_000;
const ESCALATION_MS = 2_000;

describe('Redis down while commands arrive', () => {
  let redis: ThrowawayRedis;
  let database: TestDatabase;
  let db: DataSource;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let port: number;
  let prefix: string;

  beforeAll(async () => {
    redis = await ThrowawayRedis.start();
    database = await createTestDatabase();
    db = createDataSource({ url: database.url, poolSize: 2 });
    await db.initialize();
    await seedIdentity(db, 'test', new PostgresEventStore(db, testKeys()));
    port = await freePort();
    prefix = `pta-fault-${randomUUID().slice(0, 8)}`;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      REMINDER_LEAD: `${LEAD_MS}ms`,
      ESCALATION_DELAY: `${ESCALATION_MS}ms`,
    };
    api = await ServiceProcess.start('api', { ...env, PORT: String(port), HEALTH_TIMEOUT_MS: '500' });
    worker = await ServiceProcess.start('worker', env);
    await api.listening(port);
  });

  afterAll(async () => {
    await Promise.all([api?.kill(), worker?.kill()]);
    await redis?.kill();
    await db?.destroy();
    await database?.drop();
  });

  it('keeps taking commands (the log is the record), and the read models catch up when Redis returns', async () => {
    const http = httpClient(port);
    const token = await http.token('preparer', 'preparer-demo');
    const create = async () => {
      const started = Date.now();
      const reply = await http.call('POST', '/declarations', token, soundBody());
      return { ...reply, ms: Date.now() - started };
    };
    const before = await create();
    expect(before.status).toBe(201);
    const caughtUp = await http.call(
      'GET',
      `/declarations?after=${before.headers.get('x-log-position')}&waitMs=10000`,
      token,
    );
    expect(caughtUp.body.total).toBe(1);

    await redis.kill();
    let lastPosition = '';
    for (let i = 0; i < 5; i++) {
      const reply = await create();
      expect(reply.status).toBe(201);
      // Failing fast on Redis: a command never waits for it.
      expect(reply.ms).toBeLessThan(2_000);
      const submitted = await http.call(
        'POST',
        `/declarations/${reply.body.id as string}/submit`,
        token,
        {},
        { 'If-Match': '"1"' },
      );
      expect(submitted.status).toBe(200);
      lastPosition = submitted.headers.get('x-log-position')!;
    }
    const ready = await http.call('GET', '/health/ready');
    expect(ready).toMatchObject({ status: 503, body: { down: ['redis'] } });
    const stale = await http.call('GET', '/declarations', token);
    expect(stale.status).toBe(200);

    // Redis returns empty (it keeps nothing on disk); no command arrives after it does.
    await redis.start();
    const after = await http.call(
      'GET',
      `/declarations?after=${lastPosition}&waitMs=10000&state=departmental_review`,
      token,
    );
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(5);
  });

  it('sends every deadline notice that fell due exactly once when Redis returns empty, none for a stay that ended', async () => {
    const log = new LoggedDeclarations(db, await seededActors(db));
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1_000);
    const queue = <T>(name: QueueName, use: (queue: Queue) => Promise<T>) => withQueue(redis.url, prefix, name, use);

    // Submitted before the outage: its jobs wait in Redis (the reminder for +11 s) and are lost with it.
    const lost = await log.submitted(at(17));
    // The api's wake-up after an append: the stay is scheduled now, not at the next 5 s catch-up.
    await queue(QUEUE.projections, (q) => q.add('catch-up', {}, CATCH_UP_JOB_OPTIONS));
    await queue(QUEUE.deadlines, (q) =>
      waitFor('the deadline jobs in Redis', async () => {
        return (await q.getJobState(deadlineJobId('reminder', lost.id, 2))) === 'delayed';
      }),
    );
    await redis.kill();

    // Submitted while Redis is down (a command needs only the log). Redis returns at +12 s.
    const early = await log.submitted(at(11)); // reminder (+5 s) and overdue (+11 s) both in the outage
    const spanning = await log.submitted(at(17)); // reminder (+11 s) in the outage, overdue after it
    const later = await log.submitted(at(22)); // all of it after the outage
    const withdrawn = await log.withdrawn(await log.submitted(at(17)));
    const approved = await log.approved(await log.submitted(at(17)), at(22)); // a new stay, in bureau sign-off
    expect(Date.now() - start).toBeLessThan(4_000); // else the timeline above does not hold
    await waitFor('the outage to outlast the early due time', () => Date.now() >= at(12).getTime());
    const restarted = Date.now();
    await redis.start();

    const declarations = { lost, early, spanning, later, withdrawn, approved };
    const notices = noticesOf(db, declarations);
    const expected = [
      ...stay('lost', 'departmental_review', ['reminder', 'overdue', 'escalation']),
      // Its reminder was stale by the time Redis returned: past the due time the overdue notice says more.
      ...stay('early', 'departmental_review', ['overdue', 'escalation']),
      ...stay('spanning', 'departmental_review', ['reminder', 'overdue', 'escalation']),
      ...stay('later', 'departmental_review', ['reminder', 'overdue', 'escalation']),
      ...stay('approved', 'bureau_signoff', ['reminder', 'overdue', 'escalation']),
    ].sort();
    await waitFor('every notice due', async () => (await notices()).length >= expected.length, 20_000);
    const sent = await notices();
    expect(sent.map((n) => n.label).sort()).toEqual(expected);
    for (const notice of sent) {
      // Nothing went out while Redis was down; each went out in its window after it returned.
      expect(notice.at).toBeGreaterThanOrEqual(restarted);
      if (notice.kind === 'reminder') expect(notice.at).toBeLessThan(notice.dueAt);
      else expect(notice.at).toBeGreaterThanOrEqual(notice.dueAt + (notice.kind === 'escalation' ? ESCALATION_MS : 0));
    }

    // Re-deriving again sends nothing more: by hand while Redis holds the jobs, and by itself once
    // Redis lost them again (every job past due then runs again at once, and finds its notices sent).
    const http = httpClient(port);
    const rederive = await http.call('POST', '/admin/deadlines/reschedule', await http.token('admin', 'admin-demo'));
    expect(rederive.status).toBe(202);
    await queue(QUEUE.maintenance, (q) =>
      waitFor(
        'the re-derive by hand',
        async () => (await q.getJobState(rederive.body.jobId as string)) === 'completed',
      ),
    );
    await redis.kill();
    await redis.start();
    const ids = Object.values(declarations).map((d) => d.id);
    const outcomes = await queue(QUEUE.deadlines, async (q) => {
      const mine = async (states: ('completed' | 'waiting' | 'active' | 'delayed')[]) =>
        (await q.getJobs(states)).filter(
          (j) => j.name === 'deadline-notice' && ids.includes((j.data as JobPayloads['deadline-notice']).declarationId),
        );
      // Past due, each current stay gets its overdue and escalation jobs back; its reminder no more.
      await waitFor('the re-derived jobs to run', async () => {
        return (await mine(['completed'])).length === 10 && (await mine(['waiting', 'active', 'delayed'])).length === 0;
      });
      return (await mine(['completed'])).map((j): unknown => j.returnvalue);
    });
    expect(outcomes).toEqual(Array(10).fill({ outcome: 'sent', recipients: 1, sent: 0 }));
    expect((await notices()).map((n) => n.label).sort()).toEqual(expected);
  });
});

/** Who a stage's notices go to among the seeded users: the stage's reviewer, escalated to the level above. */
const RECIPIENT: Partial<Record<Stage, Record<DeadlineKind, string>>> = {
  departmental_review: { reminder: 'dept-reviewer', overdue: 'dept-reviewer', escalation: 'bureau-signer' },
  bureau_signoff: { reminder: 'bureau-signer', overdue: 'bureau-signer', escalation: 'admin' },
};

const stay = (name: string, stage: Stage, kinds: DeadlineKind[]) =>
  kinds.map((kind) => `${name} ${stage} ${kind} → ${RECIPIENT[stage]![kind]}`);

interface SentNotice {
  kind: DeadlineKind;
  declarationId: string;
  stage: Stage;
  recipientId: string;
  dueAt: string;
  at: string;
}

/** The deadline notices in the log about these declarations, labelled as `stay` labels them. */
function noticesOf(db: DataSource, declarations: Record<string, Logged>) {
  const names = new Map(Object.entries(declarations).map(([name, d]) => [d.id, name]));
  return async () => {
    const people = await db.query<{ id: string; username: string }[]>(`SELECT id::text AS id, username FROM users`);
    const users = new Map(people.map((u) => [u.id, u.username]));
    const rows = await db.query<{ data: SentNotice }[]>(
      `SELECT data FROM events WHERE type = 'NoticeSent' AND data->>'declarationId' = ANY($1)
          AND data->>'kind' IN ('reminder', 'overdue', 'escalation') ORDER BY global_position`,
      [[...names.keys()]],
    );
    return rows.map(({ data: n }) => ({
      kind: n.kind,
      label: `${names.get(n.declarationId)} ${n.stage} ${n.kind} → ${users.get(n.recipientId)}`,
      at: Date.parse(n.at),
      dueAt: Date.parse(n.dueAt),
    }));
  };
}
