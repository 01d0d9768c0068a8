import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { QueryRunner } from 'typeorm';
import { AppConfig } from '@app/config';
import { declarationIdOf, stageEnteredBy, type DeclarationEventType } from '@app/declarations';
import type { StoredEvent } from '@app/event-store';
import { DEADLINE_JOB_OPTIONS, QUEUE, within } from '@app/jobs';
import { Clock } from '@app/platform';
import type { LogConsumer } from '@app/projections';
import { planDeadlineJobs } from './plan.js';
import type { StageEntry } from './stage-entry.js';

/** A declaration's stay in a stage, as the log records it. */
export interface Stay {
  declarationId: string;
  entry: StageEntry;
}

/**
 * Jobs per `addBulk`: one round trip of a pipeline instead of one per job, and short enough (a few
 * ms of Redis) that the jobs falling due meanwhile are not held up behind it.
 */
const BULK = 1_000;

/** Puts stays in a stage on the deadlines queue as delayed jobs with fixed ids. */
@Injectable()
export class DeadlineScheduler {
  constructor(
    @InjectQueue(QUEUE.deadlines) private readonly queue: Queue,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Scheduling the same stay twice keeps one set of jobs: BullMQ ignores an id it holds, a
   * completed one included while it is kept (a week, `queueJobOptions`). A job whose id is in
   * `revive` (a re-derive passes `failedJobIds()`) is retried: it had failed for good.
   */
  async schedule(stays: readonly Stay[], revive: ReadonlySet<string> = new Set()): Promise<number> {
    const now = this.clock.now();
    const jobs = stays.flatMap((s) => planDeadlineJobs(s.declarationId, s.entry, this.config.deadlines, now));
    for (let from = 0; from < jobs.length; from += BULK) {
      const bulk = jobs.slice(from, from + BULK).map((job) => ({
        name: 'deadline-notice',
        data: job.data,
        opts: { ...DEADLINE_JOB_OPTIONS, jobId: job.jobId, delay: Math.max(0, job.fireAt.getTime() - now.getTime()) },
      }));
      await within(5_000, `adding ${bulk.length} deadline jobs`, this.queue.addBulk(bulk));
    }
    for (const job of jobs) if (revive.has(job.jobId)) await (await this.queue.getJob(job.jobId))?.retry('failed');
    return jobs.length;
  }

  /** How many deadline jobs are due and wait for a free slot of a worker. */
  backlog(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  /** The ids of the jobs on the deadlines queue that failed for good (BullMQ keeps the last 5,000). */
  async failedJobIds(): Promise<Set<string>> {
    return new Set(await this.queue.getRanges(['failed'], 0, -1));
  }
}

/**
 * Schedules each stage's deadline jobs from the log, with its own checkpoint. Not a read model:
 * never rebuilt, so a rebuild sends nothing. Within a batch only a declaration's last event
 * matters: any event after a stage entry has taken it out of that stage.
 */
@Injectable()
export class DeadlineSchedules implements LogConsumer {
  readonly name = 'deadline-schedules';
  readonly tables = [] as const;

  constructor(private readonly scheduler: DeadlineScheduler) {}

  async apply(_db: QueryRunner, events: readonly StoredEvent[]): Promise<void> {
    const last = new Map<string, StoredEvent>();
    for (const event of events) if (declarationIdOf(event.streamId)) last.set(event.streamId, event);
    const stays: Stay[] = [];
    for (const event of last.values()) {
      const stage = stageEnteredBy(event.type as DeclarationEventType);
      const { at, dueAt } = event.data as { at: string; dueAt?: string | null };
      if (!stage || !dueAt) continue;
      const entry = { stage, enteredVersion: event.streamVersion, enteredAt: at, dueAt };
      stays.push({ declarationId: declarationIdOf(event.streamId)!, entry });
    }
    await this.scheduler.schedule(stays);
  }
}
