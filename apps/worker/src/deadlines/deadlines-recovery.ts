import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { QUEUE } from '@app/jobs';
import { Clock, PINO_LOGGER } from '@app/platform';
import { Rescheduler } from '@app/deadlines';

const RETRY_MS = 30_000;

/**
 * Delayed jobs live only in Redis. A marker key is set once the schedule has been derived from
 * the log; when Redis comes back without it (restarted empty, flushed, the queue obliterated),
 * the worker derives every pending deadline and delivery job again, at boot and on reconnect,
 * and tries again every 30 s until it has (the database may be away too).
 */
@Injectable()
export class DeadlinesRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private running: Promise<boolean> | null = null;
  /** Asked again while running: Redis may have come back empty once more meanwhile. */
  private again = false;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @InjectQueue(QUEUE.deadlines) private readonly queue: Queue,
    private readonly rescheduler: Rescheduler,
    private readonly clock: Clock,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: with Redis away the worker still starts, and 'ready' brings it back here.
    this.queue.getBackend().client.then(
      (client) => client.on('ready', () => void this.recoverIfLost()),
      () => undefined,
    );
    void this.recoverIfLost();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }

  /**
   * One at a time per process; two workers doing it at once is harmless (fixed job ids). A call
   * during a run (Redis reconnected) makes it run once more when it ends.
   */
  recoverIfLost(): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.recover()
      .catch((error: unknown) => {
        if (!this.stopped) this.logger.warn({ error: String(error) }, 'deadline recovery failed; trying again');
        this.retryLater();
        return false;
      })
      .finally(() => {
        this.running = null;
        if (!this.again || this.stopped) return;
        this.again = false;
        void this.recoverIfLost();
      });
    return this.running;
  }

  private async recover(): Promise<boolean> {
    const client = await this.queue.getBackend().client;
    const marker = this.queue.toKey('schedule-derived');
    if ((await client.get(marker)) !== null) return false;
    const report = await this.rescheduler.rescheduleAll();
    // Redis came back (perhaps empty) while the jobs were being added: some may be lost, so no
    // marker; the run that follows derives them again.
    if (this.again) return false;
    await client.set(marker, this.clock.now().toISOString());
    this.logger.info(report, 'deadline and delivery jobs derived from the log (Redis had none)');
    return true;
  }

  private retryLater(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.recoverIfLost();
    }, RETRY_MS);
    this.retry.unref();
  }
}
