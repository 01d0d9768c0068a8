import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { QUEUE, type JobPayloads } from '@app/jobs';
import { DeliveryError, failureOf, NoticeDelivery } from '@app/notices';
import { AppError, PINO_LOGGER } from '@app/platform';

type DeliveryJob = Job<JobPayloads['deliver-notice']>;

/**
 * Delivers a notice by webhook or e-mail, retried with exponential backoff (the job's options,
 * from NOTICE_DELIVERY_ATTEMPTS and NOTICE_DELIVERY_BACKOFF). The last failed try, or one no
 * retry can help, is recorded on the notice's stream and listed for admins.
 */
// A few at once: one slow webhook or mail server must not hold up every other delivery.
@Processor(QUEUE.notices, { concurrency: 4 })
export class DeliveriesProcessor extends WorkerHost {
  constructor(
    private readonly delivery: NoticeDelivery,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async process(job: DeliveryJob): Promise<string> {
    const { noticeId, channel, round = 0 } = job.data;
    const attempt = job.attemptsMade + 1;
    try {
      const outcome = await this.delivery.deliver(noticeId, channel, attempt, round);
      this.logger.info({ noticeId, channel, attempt, outcome }, 'notice delivered');
      return outcome;
    } catch (error) {
      const permanent = (error instanceof DeliveryError && !error.retryable) || error instanceof AppError;
      const message = error instanceof Error ? error.message : String(error);
      if (!permanent && attempt < (job.opts.attempts ?? 1)) throw error;
      this.logger.warn({ noticeId, channel, attempt, error: message }, 'notice delivery failed for good');
      await this.delivery.giveUp(noticeId, channel, attempt, failureOf(error), round);
      throw new UnrecoverableError(message);
    }
  }
}
