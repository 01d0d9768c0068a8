import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { QueryRunner } from 'typeorm';
import { AppConfig } from '@app/config';
import { declarationIdOf, stageEnteredBy, type DeclarationEventType } from '@app/declarations';
import type { StoredEvent } from '@app/event-store';
import { addOnce, DEADLINE_JOB_OPTIONS, QUEUE } from '@app/jobs';
import { Clock } from '@app/platform';
import type { LogConsumer } from '@app/projections';
import { planDeadlineJobs } from './plan.js';
import type { StageEntry } from './stage-entry.js';

/** Puts a stay in a stage on the deadlines queue as delayed jobs with fixed ids. */
@Injectable()
export class DeadlineScheduler {
  constructor(
    @InjectQueue(QUEUE.deadlines) private readonly queue: Queue,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Scheduling the same stay twice keeps one set of jobs: BullMQ ignores an id it holds.
   * `revive` (a re-derive) also retries a job of the stay that failed for good.
   */
  async schedule(declarationId: string, entry: StageEntry, revive = false): Promise<number> {
    const now = this.clock.now();
    const jobs = planDeadlineJobs(declarationId, entry, this.config.deadlines, now);
    for (const job of jobs) {
      const delay = Math.max(0, job.fireAt.getTime() - now.getTime());
      const options = { ...DEADLINE_JOB_OPTIONS, jobId: job.jobId, delay };
      await addOnce(this.queue, 'deadline-notice', job.data, options, revive);
    }
    return jobs.length;
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
    for (const event of last.values()) {
      const stage = stageEnteredBy(event.type as DeclarationEventType);
      const { at, dueAt } = event.data as { at: string; dueAt?: string | null };
      if (!stage || !dueAt) continue;
      const declarationId = declarationIdOf(event.streamId)!;
      await this.scheduler.schedule(declarationId, {
        stage,
        enteredVersion: event.streamVersion,
        enteredAt: at,
        dueAt,
      });
    }
  }
}
