import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { readableHead } from '@app/event-store';
import { SONGJIANG_HRSS } from '@app/identity';
import { bullConnection, CATCH_UP_JOB_OPTIONS, QUEUE } from '@app/jobs';
import { cpuBetween, sampleCpu } from '../cpu.js';
import { DeadlineJobWatch } from '../deadline-jobs.js';
import { draftPending, submitDue, type Submitted } from '../reminder-declarations.js';
import { consumedPast, delayFigures, jobFigures, reminderNotices, sentSince } from '../reminder-figures.js';
import type { Measure } from '../report.js';
import type { Organisation } from '../seed-log.js';

/**
 * The worker's deadline settings for the bench (the api reads neither). A lead of an hour: a
 * reminder delayed by less is still sent (past the due time it is skipped as late), and the
 * overdue notices and escalations of the same stays fall after the run.
 */
export const REMINDER_ENV = { REMINDER_LEAD: '1h', ESCALATION_DELAY: '1h' } as const;
const LEAD_MS = 3_600_000;
/**
 * Reminders falling due per second. Real stays fall due at 24:00, so the reminders of a day's
 * stays all fire at 08:00: a real peak is a burst. 500 a second for 200 s (scale 1) stands for the
 * busiest mornings of the submission season, at a rate this machine's two cores could serve
 * (about 2 ms of CPU per notice, worker and database together).
 */
const RATE = 500;
/** How long after the window the measure waits for the last reminders before it counts them missing. */
const DRAIN_MS = 60_000;
/**
 * Between the submissions' append and the first reminder: the worker projects, then schedules
 * them. Sized when it took three awaited adds a stay (1.6 ms a stay at scale 1 on the two-core
 * bench machine); now added in bulk, but kept so that runs compare.
 */
const headStartMs = (count: number) => 15_000 + count * 2;

export interface ReminderBench {
  db: DataSource;
  port: number;
  tokens: Record<string, string>;
  scale: number;
  organisation: Organisation;
  redisUrl: string;
  queuePrefix: string;
  /** The worker processes, for their CPU time. */
  workerPids: (number | undefined)[];
  log: (text: string) => void;
}

interface Rig {
  bench: ReminderBench;
  deadlines: Queue;
  /** As an append through the api would: wakes the worker's log consumers. */
  wake: () => Promise<unknown>;
  watch: DeadlineJobWatch;
}

interface Schedule extends Submitted {
  start: number;
  windowMs: number;
  timings: Record<string, number | null>;
  cpu: ReturnType<typeof cpuBetween>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);
const since = (from: number, to: number | null) => (to === null ? null : (to - from) / 1000);

/** Polls `probe` every 250 ms until it holds or `until` (epoch ms) passes; the time it held, or null. */
async function when(probe: () => Promise<boolean>, until: number): Promise<number | null> {
  for (;;) {
    if (await probe()) return Date.now();
    if (Date.now() > until) return null;
    await sleep(250);
  }
}

/**
 * (h) Declarations enter departmental review with reminders falling due at RATE per second; the
 * running worker schedules them from the log and sends them when due. Each reminder's delay is the
 * recorded_at of its NoticeSent event minus the moment it was due. Mid-window an admin asks for the
 * re-derive, which schedules every one of them a second time.
 */
export async function measureReminders(bench: ReminderBench): Promise<Measure> {
  const started = Date.now();
  const count = Math.max(100, Math.round(100_000 * bench.scale));
  const reviewers = await reviewersToRemind(bench.db);
  const connection = bullConnection(bench.redisUrl);
  const queues = [QUEUE.projections, QUEUE.deadlines].map(
    (q) => new Queue(q, { connection, prefix: bench.queuePrefix }),
  );
  const [projections, deadlines] = queues as [Queue, Queue];
  const wake = () => projections.add('catch-up', {}, CATCH_UP_JOB_OPTIONS);
  const watch = await DeadlineJobWatch.start(bench.redisUrl, bench.queuePrefix);
  try {
    const rig: Rig = { bench, deadlines, wake, watch };
    const schedule = await scheduleReminders(rig, count, Math.round((count / RATE) * 1000));
    const fired = await fireReminders(rig, schedule, count * reviewers);
    const notices = await reminderNotices(bench.db, schedule.head);
    const figures = delayFigures(notices, schedule.remindAt, reviewers, fired.rederive.requestedAt, fired.endedAt);
    const jobs = jobFigures(watch.runs, schedule.remindAt);
    const p99 = figures.all.p99 === null ? null : figures.all.p99 / 1000;
    const bound = figures.missing > 0 ? '≥ ' : '';
    return {
      id: 'h',
      name: `reminder delay after due (p99) and duplicates (${count.toLocaleString('en-US')} reminders)`,
      value: p99,
      unit: 's',
      baseline: null,
      ratio: null,
      target: 'p99 ≤ 2 s, 0 duplicates',
      pass: p99 !== null && p99 <= 2 && figures.missing === 0 && figures.duplicates === 0,
      note:
        `${RATE}/s due over ${schedule.windowMs / 1000} s; p50 ${bound}${seconds(figures.all.p50)}, ` +
        `p99 ${bound}${seconds(figures.all.p99)}, max ${bound}${seconds(figures.all.max)}; sent ${figures.sent}/${count * reviewers}, ` +
        `${figures.duplicates} duplicate notices; ${jobs.repeated} jobs run twice (${jobs.repeatsThatSent} of them sent); ` +
        `up to ${jobs.mostAtOnce} jobs at once`,
      details: {
        reminders: count,
        reviewersPerDeclaration: reviewers,
        dueRatePerSecond: RATE,
        windowSeconds: schedule.windowMs / 1000,
        reminderLead: REMINDER_ENV.REMINDER_LEAD,
        ...schedule.timings,
        ...figures,
        jobs,
        rederive: { ...fired.rederive, requestedAt: undefined },
        finishedAfterWindowSeconds: since(schedule.start + schedule.windowMs, fired.endedAt),
        // Set when the measure stopped waiting DRAIN_MS after the window: what was done by then.
        stoppedWaiting: fired.stoppedWaiting,
        workerCpu: { scheduling: schedule.cpu, firing: fired.cpu },
        measureSeconds: Math.round((Date.now() - started) / 1000),
      },
    };
  } finally {
    await watch.close();
    await Promise.all(queues.map((queue) => queue.close()));
  }
}

/**
 * Appends the drafts and waits for the worker to take them in (untimed), then the submissions,
 * due from a head start on, and waits for the worker to schedule them from the log.
 */
async function scheduleReminders({ bench, wake }: Rig, count: number, windowMs: number): Promise<Schedule> {
  const { db, log } = bench;
  const pending = await draftPending(db, bench.organisation, count);
  const drafts = (await readableHead((text, params) => db.query(text, params)))!;
  await wake();
  if ((await when(() => consumedPast(db, drafts), Date.now() + 600_000)) === null)
    throw new Error('(h) the worker did not take in the drafts within 10 minutes');
  const began = Date.now();
  const start = began + headStartMs(count);
  const submitted = await submitDue(db, pending, { start, windowMs, leadMs: LEAD_MS });
  const appended = sampleCpu(bench.workerPids);
  await wake();
  log(`(h) ${count} submissions appended; the first reminder due in ${seconds(start - appended.at)}`);
  const until = start + windowMs + DRAIN_MS;
  const projected = await when(() => consumedPast(db, submitted.head, 'declarations'), until);
  const scheduled = await when(() => consumedPast(db, submitted.head), until);
  log(`(h) scheduled ${scheduled === null ? 'not in time' : `${seconds(start - scheduled)} before the first due`}`);
  return {
    ...submitted,
    start,
    windowMs,
    timings: {
      appendSeconds: since(began, appended.at),
      projectedSeconds: since(appended.at, projected),
      scheduledSeconds: since(appended.at, scheduled),
      scheduledBeforeFirstDueSeconds: scheduled === null ? null : (start - scheduled) / 1000,
    },
    cpu: cpuBetween(appended, sampleCpu(bench.workerPids)),
  };
}

/**
 * Waits through the window, asks for the re-derive in its middle, and waits until every reminder
 * is in the log, the re-derive and the jobs it put back have run, or DRAIN_MS after the window.
 */
async function fireReminders({ bench, deadlines, watch }: Rig, schedule: Schedule, expected: number) {
  const { start, windowMs } = schedule;
  await sleep(start - Date.now());
  const firing = sampleCpu(bench.workerPids);
  await sleep(start + windowMs / 2 - Date.now());
  const requestedAt = Date.now();
  const jobId = await requestRederive(bench.port, bench.tokens.admin!);
  bench.log(`(h) re-derive requested`);
  const sent = sentSince(bench.db, schedule.head);
  const done = async () => ({
    remindersSent: await sent(),
    rederiveDone: watch.job(jobId).completedAt !== undefined,
    queueIdle: await idle(deadlines),
  });
  const ended = await when(
    async () => {
      const now = await done();
      return now.remindersSent >= expected && now.rederiveDone && now.queueIdle;
    },
    start + windowMs + DRAIN_MS,
  );
  const cpu = cpuBetween(firing, sampleCpu(bench.workerPids));
  const job = watch.job(jobId);
  const rederive = {
    requestedAt,
    requestedAtWindowSecond: (requestedAt - start) / 1000,
    waitedSeconds: since(requestedAt, job.activeAt ?? null),
    // Until it completed, or until the measure stopped waiting.
    ranSeconds: job.activeAt === undefined ? null : since(job.activeAt, job.completedAt ?? ended ?? Date.now()),
    completed: job.completedAt !== undefined,
    result: job.result ?? null,
  };
  const stoppedWaiting = ended === null ? await done() : null;
  return { endedAt: ended ?? Date.now(), stoppedWaiting, rederive, cpu };
}

/** Active department reviewers of the demo department: each gets every reminder. */
async function reviewersToRemind(db: DataSource): Promise<number> {
  const [{ n }] = await db.query<[{ n: number }]>(
    `SELECT count(*)::int AS n FROM users WHERE active AND role = 'department_reviewer' AND department_id = $1`,
    [SONGJIANG_HRSS.department.id],
  );
  return n;
}

async function idle(queue: Queue): Promise<boolean> {
  const counts = await queue.getJobCounts('wait', 'active', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}

async function requestRederive(port: number, adminToken: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/admin/deadlines/reschedule`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const body = (await response.json()) as { jobId?: string };
  if (response.status !== 202 || !body.jobId) throw new Error(`re-derive: ${response.status} ${JSON.stringify(body)}`);
  return body.jobId;
}
