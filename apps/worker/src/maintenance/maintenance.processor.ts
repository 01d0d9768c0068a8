import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { EventStore, type VerifyReport } from '@app/event-store';
import { QUEUE, type JobName } from '@app/jobs';
import { PINO_LOGGER } from '@app/platform';

@Processor(QUEUE.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly eventStore: EventStore,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async process(job: Job<unknown, unknown, JobName>): Promise<VerifyReport> {
    switch (job.name) {
      case 'verify-log':
        return this.verifyLog();
      default:
        throw new Error(`The maintenance queue has no job ${job.name}`);
    }
  }

  private async verifyLog(): Promise<VerifyReport> {
    const report = await this.eventStore.verify();
    const summary = { streams: report.streamsChecked, events: report.eventsChecked, broken: report.broken.length };
    if (report.ok) this.logger.info(summary, 'event log verified');
    else this.logger.error({ ...summary, firstBroken: report.broken.slice(0, 20) }, 'event log has broken hash chains');
    return report;
  }
}
