import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { declarationIdOf } from '@app/declarations';
import { LOG_START, readableHead, readByStream, type StoredEvent } from '@app/event-store';
import { CHANNELS, foldNotice, NOTICE_STREAM_PREFIX, NoticeDeliveries, type NoticeEvent } from '@app/notices';
import { DeadlineScheduler } from './deadline-scheduler.js';
import { currentStageEntry } from './stage-entry.js';

export interface RescheduleReport {
  declarationsWaiting: number;
  deadlineJobs: number;
  deliveriesPending: number;
}

type Sql = <T = unknown>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * Puts back, from the log alone, every job that should be waiting in Redis: the deadline jobs
 * of each declaration still in a review stage, and the delivery of each notice without a final
 * word on a channel. After Redis was flushed or a queue rebuilt; harmless at any other time
 * (fixed job ids, and a job checks the log again before it sends).
 */
@Injectable()
export class Rescheduler {
  constructor(
    private readonly db: DataSource,
    private readonly scheduler: DeadlineScheduler,
    private readonly deliveries: NoticeDeliveries,
  ) {}

  async rescheduleAll(): Promise<RescheduleReport> {
    const report: RescheduleReport = { declarationsWaiting: 0, deadlineJobs: 0, deliveriesPending: 0 };
    const sql: Sql = (text, params) => this.db.query(text, params);
    const head = (await readableHead(sql)) ?? LOG_START;
    let after: { streamId: string; streamVersion: number } | null = null;
    let stream: StoredEvent[] = [];
    for (;;) {
      const page = await readByStream(sql, head, after, 5_000);
      for (const event of page) {
        if (stream.length > 0 && stream[0]!.streamId !== event.streamId) {
          await this.rederive(stream, report);
          stream = [];
        }
        stream.push(event);
      }
      if (page.length === 0) break;
      after = page.at(-1)!;
    }
    if (stream.length > 0) await this.rederive(stream, report);
    return report;
  }

  private async rederive(events: StoredEvent[], report: RescheduleReport): Promise<void> {
    const streamId = events[0]!.streamId;
    const declarationId = declarationIdOf(streamId);
    if (declarationId !== null) {
      const entry = currentStageEntry(events as Parameters<typeof currentStageEntry>[0]);
      if (!entry) return;
      report.declarationsWaiting += 1;
      report.deadlineJobs += await this.scheduler.schedule(declarationId, entry, true);
    } else if (streamId.startsWith(NOTICE_STREAM_PREFIX)) {
      const notice = foldNotice(events.map(({ type, data }) => ({ type, data }) as NoticeEvent));
      for (const channel of CHANNELS) {
        if (!notice?.channels.includes(channel) || notice.outcomes[channel]) continue;
        await this.deliveries.enqueue(notice.id, channel, true, notice.rounds[channel] ?? 0);
        report.deliveriesPending += 1;
      }
    }
  }
}
