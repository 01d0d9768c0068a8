import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { declarationIdOf } from '@app/declarations';
import { LOG_START, readableHead, readContentByStream, type EventContent } from '@app/event-store';
import { CHANNELS, foldNotice, NOTICE_STREAM_PREFIX, NoticeDeliveries, type NoticeEvent } from '@app/notices';
import { DeadlineScheduler, type Stay } from './deadline-scheduler.js';
import { currentStageEntry } from './stage-entry.js';

export interface RescheduleReport {
  declarationsWaiting: number;
  deadlineJobs: number;
  deliveriesPending: number;
}

type Sql = <T = unknown>(text: string, params?: unknown[]) => Promise<T[]>;

/** Stays scheduled together: their jobs go to Redis in a few `addBulk`s. */
const STAYS_AT_ONCE = 500;
const PAGE = 1_000;
/**
 * The re-derive gives way to due jobs: it runs in the worker that sends them, on the same cores,
 * so before each page of the log it waits (up to a second a page, so that it still ends) while
 * more deadline jobs wait than a worker runs at once.
 */
const BACKLOG = 8;
const GIVE_WAY_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  report: RescheduleReport;
  stays: Stay[];
  /** The deadline jobs that had failed for good when the run began: scheduling them retries them. */
  failed: ReadonlySet<string>;
}

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
    const run: Run = { report, stays: [], failed: await this.scheduler.failedJobIds() };
    const sql: Sql = (text, params) => this.db.query(text, params);
    const head = (await readableHead(sql)) ?? LOG_START;
    let after: { streamId: string; streamVersion: number } | null = null;
    let stream: EventContent[] = [];
    for (;;) {
      await this.giveWay();
      const page = await readContentByStream(sql, head, after, PAGE);
      for (const event of page) {
        if (stream.length > 0 && stream[0]!.streamId !== event.streamId) {
          await this.rederive(stream, run);
          stream = [];
        }
        stream.push(event);
      }
      if (page.length === 0) break;
      after = page.at(-1)!;
    }
    if (stream.length > 0) await this.rederive(stream, run);
    await this.flush(run);
    return report;
  }

  private async giveWay(): Promise<void> {
    const until = Date.now() + GIVE_WAY_MS;
    while (Date.now() < until && (await this.scheduler.backlog()) > BACKLOG) await sleep(50);
  }

  private async flush(run: Run): Promise<void> {
    run.report.deadlineJobs += await this.scheduler.schedule(run.stays, run.failed);
    run.stays = [];
  }

  private async rederive(events: EventContent[], run: Run): Promise<void> {
    const { report } = run;
    const streamId = events[0]!.streamId;
    const declarationId = declarationIdOf(streamId);
    if (declarationId !== null) {
      const entry = currentStageEntry(events as Parameters<typeof currentStageEntry>[0]);
      if (!entry) return;
      report.declarationsWaiting += 1;
      run.stays.push({ declarationId, entry });
      if (run.stays.length >= STAYS_AT_ONCE) await this.flush(run);
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
