import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { QueryRunner } from 'typeorm';
import { AppConfig } from '@app/config';
import type { StoredEvent } from '@app/event-store';
import { addOnce, QUEUE, type JobPayloads } from '@app/jobs';
import type { LogConsumer } from '@app/projections';
import type { Channel, NoticeEvent } from '../domain/notice.js';

export const deliveryJobId = (noticeId: string, channel: Channel, round = 0): string =>
  `deliver-${noticeId}-${channel}${round === 0 ? '' : `-${round}`}`;

/**
 * Enqueues one delivery job per channel of each notice sent, from the log: a worker that dies
 * between appending a notice and enqueueing its delivery loses nothing. The job id is fixed, so
 * enqueueing again (a batch retried, a re-derive) keeps one job; the job itself checks the
 * notice's stream before sending, in case an earlier one already finished and was removed.
 */
@Injectable()
export class NoticeDeliveries implements LogConsumer {
  readonly name = 'notice-deliveries';
  readonly tables = [] as const;

  constructor(
    @InjectQueue(QUEUE.notices) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async apply(_db: QueryRunner, events: readonly StoredEvent[]): Promise<void> {
    for (const event of events as readonly NoticeEvent[]) {
      if (event.type === 'NoticeSent') {
        for (const channel of event.data.channels) await this.enqueue(event.data.noticeId, channel);
      } else if (event.type === 'NoticeDeliveryRetried') {
        // An admin's retry: a job of its own round, so the failed job of the round before stays as it was.
        await this.enqueue(event.data.noticeId, event.data.channel, false, event.data.round);
      }
    }
  }

  /** `revive` (a re-derive) also retries a job that failed without its outcome being recorded. */
  async enqueue(noticeId: string, channel: Channel, revive = false, round = 0): Promise<void> {
    const { attempts, backoffMs } = this.config.notices.delivery;
    const data: JobPayloads['deliver-notice'] = round === 0 ? { noticeId, channel } : { noticeId, channel, round };
    const jobId = deliveryJobId(noticeId, channel, round);
    const options = { jobId, attempts, backoff: { type: 'exponential', delay: backoffMs } };
    await addOnce(this.queue, 'deliver-notice', data, options, revive);
  }
}
