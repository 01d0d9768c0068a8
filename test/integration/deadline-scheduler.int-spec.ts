import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { bullConnection, QUEUE, queueJobOptions } from '@app/jobs';
import { ManualClock } from '@app/platform';
import { DeadlineScheduler, type Stay } from '@app/deadlines';
import { testConfig } from '../support/app.js';
import { eventually } from '../support/deadlines.js';

const HOUR = 3_600_000;
const NOW = new Date('2025-10-14T08:00:00+08:00');

/** A stay entered an hour before NOW, due `dueInMs` after it. */
const stay = (dueInMs: number): Stay => ({
  declarationId: randomUUID(),
  entry: {
    stage: 'departmental_review',
    enteredVersion: 2,
    enteredAt: new Date(NOW.getTime() - HOUR).toISOString(),
    dueAt: new Date(NOW.getTime() + dueInMs).toISOString(),
  },
});

describe('the deadline scheduler on Redis', () => {
  // No database: the scheduler only plans and adds.
  const config = testConfig('postgres://127.0.0.1:5432/unused', { REMINDER_LEAD: '1h', ESCALATION_DELAY: '1h' });
  const connection = bullConnection(config.redis.url);
  const prefix = config.redis.queuePrefix;
  let queue: Queue;
  let scheduler: DeadlineScheduler;
  let worker: Worker | null = null;

  beforeAll(() => {
    queue = new Queue(QUEUE.deadlines, { connection, prefix, defaultJobOptions: queueJobOptions(QUEUE.deadlines) });
    scheduler = new DeadlineScheduler(queue, new ManualClock(NOW), config);
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
    await queue.obliterate({ force: true });
  });
  afterAll(() => queue.close());

  const work = (process: (job: Job) => Promise<unknown>) => {
    worker = new Worker(QUEUE.deadlines, process, { connection, prefix, concurrency: 50 });
  };

  it('adds each job of many stays once, under its id, delayed until it is due', async () => {
    const stays = Array.from({ length: 1_200 }, () => stay(2 * HOUR));
    expect(await scheduler.schedule(stays)).toBe(3_600);
    expect(await queue.getDelayedCount()).toBe(3_600);
    const last = stays.at(-1)!;
    const reminder = await queue.getJob(`reminder-${last.declarationId}-2`);
    expect(reminder).toMatchObject({
      name: 'deadline-notice',
      delay: HOUR,
      data: { kind: 'reminder', declarationId: last.declarationId, stage: 'departmental_review', enteredVersion: 2 },
    });
    expect(reminder!.opts).toMatchObject({ attempts: 10, removeOnComplete: { age: 7 * 24 * 3600, count: 200_000 } });
    expect((await queue.getJob(`escalation-${last.declarationId}-2`))!.delay).toBe(3 * HOUR);

    // Scheduled again (a re-derive): every id is held, nothing is added.
    expect(await scheduler.schedule(stays)).toBe(3_600);
    expect(await queue.getJobCounts('delayed', 'wait')).toEqual({ delayed: 3_600, wait: 0 });
    expect((await queue.getJob(`reminder-${last.declarationId}-2`))!.timestamp).toBe(reminder!.timestamp);
  });

  it('keeps a completed job by age, not by count: scheduling its stay again runs nothing twice', async () => {
    const runs = new Map<string, number>();
    work((job) => {
      runs.set(job.id!, (runs.get(job.id!) ?? 0) + 1);
      return Promise.resolve();
    });
    const overdue = stay(-60_000);
    const overdueId = `overdue-${overdue.declarationId}-2`;
    await scheduler.schedule([overdue]);
    await eventually(async () => (await queue.getJobState(overdueId)) === 'completed');
    // More than the 1,000 the other queues keep complete after it.
    await queue.addBulk(
      Array.from({ length: 1_001 }, (_, i) => ({ name: 'filler', data: {}, opts: { jobId: `f-${i}` } })),
    );
    await eventually(() => runs.size === 1_002, 20_000);

    expect(await scheduler.schedule([overdue])).toBe(2);
    await worker!.close();
    expect(await queue.getJobState(overdueId)).toBe('completed');
    expect(runs.get(overdueId)).toBe(1);
  });

  it('retries, when asked, a job of the stay that had failed for good', async () => {
    let refuse = true;
    work(() =>
      refuse ? Promise.reject(new UnrecoverableError('the database refused')) : Promise.resolve({ sent: 1 }),
    );
    const overdue = stay(-60_000);
    const overdueId = `overdue-${overdue.declarationId}-2`;
    await scheduler.schedule([overdue]);
    await eventually(async () => (await queue.getJobState(overdueId)) === 'failed');
    refuse = false;

    await scheduler.schedule([overdue]);
    expect(await queue.getJobState(overdueId)).toBe('failed');
    const failed = await scheduler.failedJobIds();
    expect(failed).toEqual(new Set([overdueId]));
    await scheduler.schedule([overdue], failed);
    await eventually(async () => (await queue.getJobState(overdueId)) === 'completed');
  });
});
