import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError, formatCheckpoint } from '@app/event-store';
import { AppError, say } from '@app/platform';
import { CHANNELS, type Channel } from './domain/notice.js';
import { NoticeLog } from './notice-log.js';

/** A delivery is one notice over one channel: `<notice id>-<channel>` (as in the admins' list). */
export const deliveryIdOf = (noticeId: string, channel: Channel): string => `${noticeId}-${channel}`;

const DELIVERY_ID = new RegExp(
  `^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(${CHANNELS.join('|')})$`,
);

export interface RetryDeliveryResult {
  id: string;
  noticeId: string;
  channel: Channel;
  status: 'pending';
  /** The how-manieth retry of this delivery (1 for the first). */
  round: number;
  /** Log position of the retry, for read-your-writes. */
  position: string;
}

/** Sends a delivery that failed for good again (an admin's decision: the receiver is back). */
export class RetryDelivery extends Command<RetryDeliveryResult> {
  constructor(
    readonly actor: { userId: string; role: string; unitId: string | null },
    readonly deliveryId: string,
  ) {
    super();
  }
}

@CommandHandler(RetryDelivery)
export class RetryDeliveryHandler implements ICommandHandler<RetryDelivery> {
  constructor(private readonly log: NoticeLog) {}

  async execute({ actor, deliveryId }: RetryDelivery): Promise<RetryDeliveryResult> {
    const match = DELIVERY_ID.exec(deliveryId.toLowerCase());
    const loaded = match ? await this.log.load(match[1]!) : null;
    const channel = match?.[2] as Channel | undefined;
    if (!loaded || !channel || !loaded.notice.channels.includes(channel)) {
      throw new AppError('NOT_FOUND', say('notice.deliveryNotFound'));
    }
    const { notice, version } = loaded;
    const outcome = notice.outcomes[channel];
    if (outcome?.status !== 'failed') {
      throw new AppError('DELIVERY_NOT_FAILED', undefined, [], {
        status: outcome?.status ?? 'pending',
      });
    }
    const round = (notice.rounds[channel] ?? 0) + 1;
    try {
      const result = await this.log.retryDelivery(notice.id, channel, round, version, actor);
      return {
        id: deliveryIdOf(notice.id, channel),
        noticeId: notice.id,
        channel,
        status: 'pending',
        round,
        position: formatCheckpoint(result.position),
      };
    } catch (error) {
      // Another admin retried it (or its outcome came in) just now: it is no longer failed.
      if (error instanceof ConcurrencyError) {
        throw new AppError('DELIVERY_NOT_FAILED', say('notice.deliveryChanged'), [], {
          status: 'pending',
        });
      }
      throw error;
    }
  }
}
