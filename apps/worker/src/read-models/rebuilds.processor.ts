import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { QUEUE, type JobPayloads } from '@app/jobs';
import { PINO_LOGGER } from '@app/platform';
import { rebuild, ReadModelStatus } from '@app/projections';

/**
 * Rebuilds run on their own queue so a long replay never holds up the catch-ups. A rebuild
 * writes only read-model tables: it sends no reminders and repeats no other side effect.
 */
@Processor(QUEUE.rebuilds, { lockDuration: 60_000 })
export class RebuildsProcessor extends WorkerHost {
  constructor(
    private readonly db: DataSource,
    private readonly status: ReadModelStatus,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async process(job: Job<JobPayloads['rebuild-read-model']>): Promise<void> {
    const { name, rebuildId } = job.data;
    this.logger.info({ name, rebuildId, attempt: job.attemptsMade + 1 }, 'rebuilding read model');
    await rebuild(this.db, this.status.projection(name), rebuildId, (checkpoint, at, error) =>
      this.logger.error(
        { projection: checkpoint, streamId: at.streamId, streamVersion: at.streamVersion, error: String(error) },
        'stream parked by the rebuild: an event could not be applied',
      ),
    );
    this.logger.info({ name, rebuildId }, 'read model rebuilt');
  }
}
