import { Queue } from 'bullmq';
import type { AppConfig } from '@app/config';
import { bullConnection, QUEUE, queueJobOptions, type QueueName } from '@app/jobs';
import { NoticeDeliveries } from '@app/notices';
import { SystemClock, type Clock } from '@app/platform';
import { DeadlineScheduler, Rescheduler, type RescheduleReport } from '@app/deadlines';
import { fail, withDatabase } from './database.js';

export const DEADLINES_USAGE = `deadlines:
  npm run cli -- deadlines reschedule
    derive every pending deadline job (reminder, overdue, escalation) and every undelivered notice's
    delivery job from the event log and put them in Redis: after Redis lost them (restarted empty,
    flushed, a queue rebuilt). Harmless at any time: job ids are fixed and a job that fires checks
    the log before it sends. The worker also does this by itself when it finds Redis without them.`;

/** `deadlines reschedule`: prints the report (JSON) on stdout. Tests pass their clock and output. */
export async function deadlines(
  config: AppConfig,
  args: string[],
  clock: Clock = new SystemClock(),
  out: (text: string) => void = (text) => process.stdout.write(text),
): Promise<RescheduleReport | undefined> {
  if (args[0] !== 'reschedule' || args.length !== 1) {
    fail(DEADLINES_USAGE, [], 64);
    return undefined;
  }
  const queue = (name: QueueName) =>
    new Queue(name, {
      connection: bullConnection(config.redis.url),
      prefix: config.redis.queuePrefix,
      defaultJobOptions: queueJobOptions(name),
    });
  const queues = { deadlines: queue(QUEUE.deadlines), notices: queue(QUEUE.notices) };
  let report: RescheduleReport | undefined;
  try {
    await withDatabase(config, async (db) => {
      const scheduler = new DeadlineScheduler(queues.deadlines, clock, config);
      const rescheduler = new Rescheduler(db, scheduler, new NoticeDeliveries(queues.notices, config));
      report = await rescheduler.rescheduleAll();
      out(`${JSON.stringify(report)}\n`);
    });
  } finally {
    await Promise.all([queues.deadlines.close(), queues.notices.close()]);
  }
  return report;
}
