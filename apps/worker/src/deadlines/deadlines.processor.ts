import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { QUEUE, type JobName, type JobPayloads } from '@app/jobs';
import { PINO_LOGGER, requestContext } from '@app/platform';
import { DeadlineNotices, Digests } from '@app/deadlines';

/**
 * Deadline jobs: each stage's reminder, overdue notice and escalation when they fall due, and the
 * daily digests (re-deriving the schedule is a maintenance job; one queued here by an older
 * version is handed on to it). Each job checks the log before it sends and sends each notice once,
 * however often it runs. Several at once: a job mostly waits on the
 * database, and when many fall due together (a deadline shared by a whole cycle) one at a time
 * would send the last of them minutes late.
 */
@Processor(QUEUE.deadlines, { concurrency: 8 })
export class DeadlinesProcessor extends WorkerHost {
  constructor(
    private readonly notices: DeadlineNotices,
    private readonly digests: Digests,
    @InjectQueue(QUEUE.maintenance) private readonly maintenance: Queue,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  process(job: Job<unknown, unknown, JobName>): Promise<unknown> {
    return requestContext.run({ correlationId: `job-${job.queueName}-${job.id}` }, () => this.run(job));
  }

  private async run(job: Job<unknown, unknown, JobName>): Promise<unknown> {
    switch (job.name) {
      case 'deadline-notice': {
        const data = job.data as JobPayloads['deadline-notice'];
        const result = await this.notices.fire(data);
        this.logger.info({ jobId: job.id, ...data, ...result }, 'deadline job fired');
        return result;
      }
      case 'daily-digests': {
        const report = await this.digests.run();
        this.logger.info(report, 'daily digests');
        return report;
      }
      case 'reschedule-deadlines': {
        // Queued here by a version from before the re-derive moved to the maintenance queue (so
        // that it never delays due jobs): handed on there, not lost in an upgrade. Its id follows
        // from this job's, so a second run of this job hands nothing on twice.
        const moved = await this.maintenance.add('reschedule-deadlines', job.data, {
          jobId: `reschedule-from-deadlines-${job.id}`,
        });
        this.logger.info({ jobId: job.id, movedTo: moved.id }, 're-derive handed to the maintenance queue');
        return { movedTo: QUEUE.maintenance, jobId: moved.id };
      }
      default:
        throw new Error(`The deadlines queue has no job ${job.name}`);
    }
  }
}
