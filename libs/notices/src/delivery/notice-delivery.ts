import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Users } from '@app/identity';
import { say } from '@app/platform';
import type { Channel, DeliveryFailure, Notice } from '../domain/notice.js';
import { NoticeLog } from '../notice-log.js';
import { DeliveryError } from './delivery-error.js';
import { MailSender } from './mail.js';
import { postWebhook } from './webhook.js';

/** What a webhook receives: the notice as sent, and who it is for. */
export interface WebhookPayload {
  id: string;
  kind: string;
  title: string;
  body: string;
  recipient: { id: string; username: string; displayName: string; email: string | null };
  declarationId: string | null;
  stage: string | null;
  dueAt: string | null;
  items: string[];
  sentAt: string;
  /** Where the recipient opens it in the console; null on notices sent before links existed. */
  link: string | null;
}

/** Sends one notice over one channel and records the outcome on the notice's stream. */
@Injectable()
export class NoticeDelivery {
  constructor(
    private readonly log: NoticeLog,
    private readonly users: Users,
    private readonly mail: MailSender,
    private readonly config: AppConfig,
  ) {}

  /** `skipped`: an outcome is already recorded (an earlier job finished): nothing is sent again. */
  async deliver(noticeId: string, channel: Channel, attempt: number, round = 0): Promise<'delivered' | 'skipped'> {
    const loaded = await this.log.load(noticeId);
    if (!loaded) throw new DeliveryError(say('delivery.noNotice'), false, noticeId);
    const { notice } = loaded;
    // A job of an earlier round (revived by a re-derive) has nothing left to do: a later round took over.
    if (notice.outcomes[channel] || (notice.rounds[channel] ?? 0) !== round) return 'skipped';
    const recipient = await this.users.get(notice.recipientId);
    if (channel === 'webhook') await this.postWebhook(notice, recipient, attempt);
    else await this.email(notice, recipient.email);
    await this.log.recordOutcome(noticeId, channel, attempt, null, round);
    return 'delivered';
  }

  /** The last try failed, or no try can help: recorded, and listed for admins. */
  giveUp(noticeId: string, channel: Channel, attempts: number, failure: DeliveryFailure, round = 0): Promise<void> {
    return this.log.recordOutcome(noticeId, channel, attempts, failure, round);
  }

  private async postWebhook(notice: Notice, recipient: WebhookPayload['recipient'], attempt: number): Promise<void> {
    const webhook = this.config.notices.webhook;
    if (!webhook) throw new DeliveryError(say('delivery.noWebhook'), false);
    const payload: WebhookPayload = {
      id: notice.id,
      kind: notice.kind,
      title: notice.title,
      body: notice.body,
      recipient: {
        id: recipient.id,
        username: recipient.username,
        displayName: recipient.displayName,
        email: recipient.email,
      },
      declarationId: notice.declarationId,
      stage: notice.stage,
      dueAt: notice.dueAt,
      items: notice.items,
      sentAt: notice.sentAt,
      link: notice.link ?? null,
    };
    // The receiver dedupes by notice id: a delivery can repeat if a worker dies right after it.
    await postWebhook(webhook, payload, { 'X-PTA-Notice-Id': notice.id, 'X-PTA-Delivery-Attempt': String(attempt) });
  }

  private async email(notice: Notice, address: string | null): Promise<void> {
    if (!address) throw new DeliveryError(say('delivery.noAddress'), false);
    await this.mail.send(address, notice.title, notice.body);
  }
}
