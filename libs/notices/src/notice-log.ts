import { Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { ConcurrencyError, EventStore, readStreamsUpTo, type AppendResult, type StoredEvent } from '@app/event-store';
import { Clock, requestContext } from '@app/platform';
import { ProjectionWakeUp } from '@app/projections';
import {
  foldNotice,
  noticeStreamOf,
  type Channel,
  type DeliveryFailure,
  type Notice,
  type NoticeContent,
  type NoticeEvent,
} from './domain/notice.js';

export type StoredNoticeEvent = StoredEvent<NoticeEvent['type'], NoticeEvent['data']>;

/** Who appends notices: the scheduler, not a person. */
export const SYSTEM_ACTOR = { actorId: 'system:notices', role: 'system' };

const NAMESPACE = Buffer.from('6f1c2a4e8b3d4f0a9c5e7d2b1a0f3e4c', 'hex');

/** A name-based (v5) uuid: the same key always names the same notice. */
export function noticeIdOf(key: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(key).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface NewNotice extends NoticeContent {
  /**
   * What makes the notice one of a kind, e.g. `overdue:<declaration>:<version entering the
   * stage>:<recipient>`. Sending the same key again appends nothing: a job that runs twice, two
   * workers or a re-derived schedule send it once.
   */
  key: string;
  recipientHasEmail: boolean;
}

/** The notices in the event store: each on its own stream, appended idempotently. */
@Injectable()
export class NoticeLog {
  constructor(
    private readonly store: EventStore,
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Optional() private readonly wakeUp?: ProjectionWakeUp,
  ) {}

  /** Appends the notice unless its key was sent before; `sent` says which. */
  async send({ key, recipientHasEmail, ...content }: NewNotice): Promise<{ noticeId: string; sent: boolean }> {
    const noticeId = noticeIdOf(key);
    const channels = this.channelsFor(recipientHasEmail);
    const event: NoticeEvent = {
      type: 'NoticeSent',
      data: { ...content, noticeId, channels, at: this.clock.now().toISOString() },
    };
    const result = await this.append(noticeId, 'no_stream', event, `notice:${key}`);
    return { noticeId, sent: !result.duplicate };
  }

  async load(noticeId: string): Promise<{ notice: Notice; version: number } | null> {
    const events = (await this.store.readStream(noticeStreamOf(noticeId))) as StoredNoticeEvent[];
    const notice = foldNotice(events.map(({ type, data }) => ({ type, data }) as NoticeEvent));
    return notice ? { notice, version: events.at(-1)!.streamVersion } : null;
  }

  /** The first reading counts; reading again appends nothing. */
  markRead(noticeId: string, by: { userId: string; role: string; unitId: string | null }): Promise<AppendResult> {
    const event: NoticeEvent = {
      type: 'NoticeRead',
      data: { noticeId, by: by.userId, at: this.clock.now().toISOString() },
    };
    const metadata = { actorId: by.userId, role: by.role, unit: by.unitId };
    return this.append(noticeId, 'any', event, `notice-read:${noticeId}`, metadata);
  }

  /**
   * One final word per channel and round: the first recorded stands. Round 0 is the first sending;
   * each retry by an admin opens the next round, which records its own outcome.
   */
  async recordOutcome(
    noticeId: string,
    channel: Channel,
    attempts: number,
    failure: DeliveryFailure | null,
    round = 0,
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    const event: NoticeEvent =
      failure === null
        ? { type: 'NoticeDelivered', data: { noticeId, channel, attempts, at } }
        : {
            type: 'NoticeDeliveryFailed',
            data: {
              noticeId,
              channel,
              attempts,
              error: failure.error.slice(0, 1000),
              ...(failure.reason ? { reason: failure.reason } : {}),
              ...(failure.detail ? { detail: failure.detail.slice(0, 1000) } : {}),
              at,
            },
          };
    const suffix = round === 0 ? '' : `:${round}`;
    await this.append(noticeId, 'any', event, `notice-delivery:${noticeId}:${channel}${suffix}`);
  }

  /**
   * Opens the next round of a channel whose delivery failed for good; the `notice-deliveries`
   * consumer enqueues it from the log. Appended at the version read, so two admins retrying at
   * once open one round (the other gets a ConcurrencyError).
   */
  async retryDelivery(
    noticeId: string,
    channel: Channel,
    round: number,
    expectedVersion: number,
    by: { userId: string; role: string; unitId: string | null },
  ): Promise<AppendResult> {
    const event: NoticeEvent = {
      type: 'NoticeDeliveryRetried',
      data: { noticeId, channel, round, by: by.userId, at: this.clock.now().toISOString() },
    };
    const metadata = { actorId: by.userId, role: by.role, unit: by.unitId };
    return this.append(noticeId, expectedVersion, event, `notice-retry:${noticeId}:${channel}:${round}`, metadata);
  }

  /** Every event of every notice about a declaration, for its history. */
  async aboutDeclaration(declarationId: string): Promise<StoredNoticeEvent[]> {
    const rows = await this.db.query<{ stream_id: string }[]>(
      `SELECT stream_id FROM events WHERE type = 'NoticeSent' AND data->>'declarationId' = $1`,
      [declarationId],
    );
    const upTo = new Map(rows.map((r) => [r.stream_id, 2_147_483_647]));
    const sql = <T>(text: string, params?: unknown[]) => this.db.query<T[]>(text, params);
    return (await readStreamsUpTo(sql, upTo)) as StoredNoticeEvent[];
  }

  private channelsFor(recipientHasEmail: boolean): Channel[] {
    const channels: Channel[] = [];
    if (this.config.notices.webhook) channels.push('webhook');
    if (this.config.notices.smtp && recipientHasEmail) channels.push('email');
    return channels;
  }

  private async append(
    noticeId: string,
    expected: 'no_stream' | 'any' | number,
    event: NoticeEvent,
    commandId: string,
    metadata: { actorId: string; role: string; unit?: string | null } = SYSTEM_ACTOR,
  ): Promise<AppendResult> {
    const correlationId = requestContext.current()?.correlationId;
    for (let attempt = 1; ; attempt++) {
      try {
        const stream = noticeStreamOf(noticeId);
        const result = await this.store.append(
          stream,
          expected,
          [event],
          { ...metadata, correlationId },
          { commandId },
        );
        if (!result.duplicate) this.wakeUp?.afterAppend();
        return result;
      } catch (error) {
        // 'any' can still clash with another event of the notice appended at the same instant: go again.
        if (!(error instanceof ConcurrencyError) || expected !== 'any' || attempt >= 3) throw error;
      }
    }
  }
}
