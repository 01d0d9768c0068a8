import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Checkpoints } from '@app/audit';
import { EventStore, KeyRing, verifyTree, type StoredCheckpoint, type VerifyReport } from '@app/event-store';
import { QUEUE, type JobName } from '@app/jobs';
import { PINO_LOGGER } from '@app/platform';

@Processor(QUEUE.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly eventStore: EventStore,
    private readonly checkpoints: Checkpoints,
    private readonly keys: KeyRing,
    private readonly db: DataSource,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async process(job: Job<unknown, unknown, JobName>): Promise<VerifyReport | StoredCheckpoint | null> {
    switch (job.name) {
      case 'verify-log':
        return this.verifyLog();
      case 'make-checkpoint':
        return this.makeCheckpoint();
      default:
        throw new Error(`The maintenance queue has no job ${job.name}`);
    }
  }

  private async makeCheckpoint(): Promise<StoredCheckpoint | null> {
    const checkpoint = await this.checkpoints.make();
    if (checkpoint)
      this.logger.info(
        { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash },
        'checkpoint signed and published',
      );
    return checkpoint;
  }

  private async verifyLog(): Promise<VerifyReport> {
    const report = await this.eventStore.verify();
    const tree = await verifyTree(
      (text, params) => this.db.query(text, params),
      this.keys,
      await this.checkpoints.published(),
    );
    const summary = { streams: report.streamsChecked, events: report.eventsChecked, broken: report.broken.length };
    if (report.ok && tree.ok) this.logger.info(summary, 'event log verified');
    else {
      this.logger.error(
        {
          ...summary,
          firstBroken: report.broken.slice(0, 20),
          checkpoints: tree.checkpoints.filter((c) => c.status !== 'ok').slice(0, 20),
          leaves: tree.leaves.slice(0, 20),
        },
        'ALERT event log fails verification (chains, proofs or checkpoints)',
      );
    }
    return report;
  }
}
