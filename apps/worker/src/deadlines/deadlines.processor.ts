import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { QUEUE, type JobName, type JobPayloads } from '@app/jobs';
import { PINO_LOGGER, requestContext } from '@app/platform';
import { DeadlineNotices, Digests } from '@app/deadlines';

/**
 * Deadline jobs: each stage's reminder, overdue notice and escalation when they fall due, and the
 * daily digests (re-deriving the schedule is a maintenance job). Each job checks the log before it sends and
 * sends each notice once, however often it runs. Several at once: a job mostly waits on the
 * database, and when many fall due together (a deadline shared by a whole cycle) one at a time
 * would send the last of them minutes late.
 */
@Processor(QUEUE.deadlines, { concurrency: 8 })
export class DeadlinesProcessor extends WorkerHost {
  constructor(
    private readonly notices: DeadlineNotices,
    private readonly digests: Digests,
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
      default:
        throw new Error(`The deadlines queue has no job ${job.name}`);
    }
  }
}
