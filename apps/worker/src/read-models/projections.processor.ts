import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { QUEUE, type JobName } from '@app/jobs';
import { PINO_LOGGER } from '@app/platform';
import { catchUp, PROJECTIONS, type Projection } from '@app/projections';

/**
 * Brings every projection up to the end of the log. Several workers may take these jobs at
 * once: each projection's checkpoint row is locked per batch (SKIP LOCKED), so one applies
 * a batch while the others stand aside, and no event is applied twice.
 */
@Processor(QUEUE.projections)
export class ProjectionsProcessor extends WorkerHost {
  constructor(
    private readonly db: DataSource,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async process(job: Job<unknown, unknown, JobName>): Promise<Record<string, number>> {
    if (job.name !== 'catch-up') throw new Error(`unexpected job ${job.name}`);
    const applied: Record<string, number> = {};
    for (const projection of this.projections) {
      const result = await catchUp(this.db, projection, { batchSize: 500 });
      applied[projection.name] = result.applied;
      if (result.applied > 0) this.logger.debug({ projection: projection.name, applied: result.applied }, 'caught up');
    }
    return applied;
  }
}
