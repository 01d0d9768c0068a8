import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { AuditTrail, CheckpointPublication, Checkpoints, type VerifyView } from '@app/audit';
import type { StoredCheckpoint } from '@app/event-store';
import { QUEUE, type JobName, type JobPayloads } from '@app/jobs';
import { Rescheduler, type RescheduleReport } from '@app/deadlines';
import { DeliveryError } from '@app/notices';
import { PINO_LOGGER } from '@app/platform';

@Processor(QUEUE.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly trail: AuditTrail,
    private readonly checkpoints: Checkpoints,
    private readonly publication: CheckpointPublication,
    private readonly rescheduler: Rescheduler,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async process(
    job: Job<unknown, unknown, JobName>,
  ): Promise<VerifyView | StoredCheckpoint | RescheduleReport | string | null> {
    switch (job.name) {
      case 'verify-log':
        return this.verifyLog();
      case 'make-checkpoint':
        return this.makeCheckpoint();
      case 'publish-checkpoint':
        return this.publishCheckpoint(job as Job<JobPayloads['publish-checkpoint']>);
      case 'reschedule-deadlines':
        return this.reschedule(job as Job<JobPayloads['reschedule-deadlines']>);
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
    // The latest checkpoint, whoever made it (this run, POST /audit/checkpoints, the CLI).
    await this.publication.announceLatest();
    return checkpoint;
  }

  /** Retried with the notices' backoff; a refusal no retry can help fails at once, logged at error level. */
  private async publishCheckpoint(job: Job<JobPayloads['publish-checkpoint']>): Promise<string> {
    const { treeSize, channel } = job.data;
    const attempt = job.attemptsMade + 1;
    try {
      const outcome = await this.publication.publish(treeSize, channel);
      this.logger.info({ treeSize, channel, attempt, outcome }, 'checkpoint sent to the auditors');
      return outcome;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryError && !error.retryable;
      if (!permanent && attempt < (job.opts.attempts ?? 1)) throw error;
      this.logger.error({ treeSize, channel, attempt, error: message }, 'ALERT checkpoint could not be sent');
      throw new UnrecoverableError(message);
    }
  }

  private async reschedule(job: Job<JobPayloads['reschedule-deadlines']>): Promise<RescheduleReport> {
    const report = await this.rescheduler.rescheduleAll();
    this.logger.info({ ...report, requestedBy: job.data.requestedBy }, 'deadline jobs re-derived');
    return report;
  }

  /** As `GET /audit/verify` over the whole log (AuditTrail), logged. */
  private async verifyLog(): Promise<VerifyView> {
    const report = await this.trail.verify();
    const summary = { streams: report.streamsChecked, events: report.eventsChecked, broken: report.broken.length };
    if (report.ok) this.logger.info(summary, 'event log verified');
    else {
      this.logger.error(
        {
          ...summary,
          firstBroken: report.broken.slice(0, 20),
          checkpoints: report.tree?.checkpoints.filter((c) => c.status !== 'ok').slice(0, 20),
          leaves: report.tree?.leaves.slice(0, 20),
        },
        'ALERT event log fails verification (chains, proofs or checkpoints)',
      );
    }
    return report;
  }
}
