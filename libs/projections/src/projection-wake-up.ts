import { InjectQueue } from '@nestjs/bullmq';
import { Global, Injectable, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CATCH_UP_JOB_OPTIONS, QUEUE } from '@app/jobs';

/**
 * Asks the worker to bring the read models up to date, right after an append. Fire and
 * forget: with Redis away the command has still succeeded (the log is the record), and the
 * worker's periodic catch-up picks the events up when Redis returns.
 */
@Injectable()
export class ProjectionWakeUp {
  private failures = 0;
  private sending = false;
  private again = false;

  constructor(@InjectQueue(QUEUE.projections) private readonly queue: Queue) {}

  /**
   * One wake-up in flight at a time: appends made meanwhile share the next one, sent as soon as
   * it returns (so every append is still followed by a wake-up sent after it). Under load this
   * is one Redis call per round trip instead of one per command.
   */
  afterAppend(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    this.queue
      .add('catch-up', {}, CATCH_UP_JOB_OPTIONS)
      .catch(() => {
        this.failures += 1;
      })
      .finally(() => {
        this.sending = false;
        if (!this.again) return;
        this.again = false;
        this.afterAppend();
      });
  }

  /** Wake-ups that could not be sent (Redis away); for metrics. */
  get failedWakeUps(): number {
    return this.failures;
  }
}

/** Global, so the command side can wake projections where the process has a queue (the API). */
@Global()
@Module({ providers: [ProjectionWakeUp], exports: [ProjectionWakeUp] })
export class ProjectionWakeUpModule {}
