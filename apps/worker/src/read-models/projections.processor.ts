import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { QUEUE, type JobName } from '@app/jobs';
import { PINO_LOGGER } from '@app/platform';
import {
  catchUp,
  LOG_CONSUMERS,
  PROJECTIONS,
  type LogConsumer,
  type OnParked,
  type Projection,
} from '@app/projections';

/**
 * Brings every projection, then every log consumer (deadline schedules, notice deliveries), up
 * to the end of the log. Several workers may take these jobs at once: each checkpoint row is
 * locked per batch (SKIP LOCKED), so one applies a batch while the others stand aside, and no
 * event is applied twice.
 */
@Processor(QUEUE.projections)
export class ProjectionsProcessor extends WorkerHost {
  constructor(
    private readonly db: DataSource,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    @Inject(LOG_CONSUMERS) private readonly consumers: readonly LogConsumer[],
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  /** A parked stream needs an operator: said at error level, with the event and the reason. */
  private readonly parked: OnParked = (name, at, error) =>
    this.logger.error(
      { projection: name, streamId: at.streamId, streamVersion: at.streamVersion, error: String(error) },
      'stream parked: an event could not be applied; the others go on (retry it after a fix)',
    );

  async process(job: Job<unknown, unknown, JobName>): Promise<Record<string, number>> {
    if (job.name !== 'catch-up') throw new Error(`unexpected job ${job.name}`);
    const applied: Record<string, number> = {};
    for (const target of [...this.projections, ...this.consumers]) {
      try {
        const result = await catchUp(this.db, target, { batchSize: 500, onParked: this.parked });
        applied[target.name] = result.applied;
        if (result.applied > 0) this.logger.debug({ projection: target.name, applied: result.applied }, 'caught up');
      } catch (error) {
        // One failing (a consumer without Redis) must not hold back the others; the next catch-up retries it.
        this.logger.warn({ projection: target.name, error: String(error) }, 'catch-up failed; retried on the next one');
      }
    }
    return applied;
  }
}
