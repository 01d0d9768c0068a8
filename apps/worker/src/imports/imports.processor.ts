import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { Authentication } from '@app/identity';
import { FormImporter, type ImportReport } from '@app/imports';
import { QUEUE, type JobName, type JobPayloads } from '@app/jobs';
import { AppError, PINO_LOGGER, requestContext, render, say } from '@app/platform';

export type ImportJob = Job<JobPayloads['import-forms'], ImportReport, JobName>;

/**
 * Runs an import the API has accepted. Retries are safe: each form is drafted once, whatever
 * the attempt. A refusal (the file, a unit, the uploader) cannot change by retrying: it fails at once.
 */
@Processor(QUEUE.imports)
export class ImportsProcessor extends WorkerHost {
  constructor(
    private readonly importer: FormImporter,
    private readonly authentication: Authentication,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async process(job: ImportJob): Promise<ImportReport> {
    if (job.name !== 'import-forms') throw new UnrecoverableError(`The imports queue has no job ${job.name}`);
    const { userId, correlationId } = job.data;
    // The events carry the upload's correlation id, so the request and what it wrote are linked.
    const context = { correlationId: correlationId ?? `import-job-${job.id}`, actorId: userId };
    try {
      const report = await requestContext.run(context, () => this.importForms(job));
      this.logger.info({ jobId: job.id, created: report.created, skipped: report.skipped }, 'forms imported');
      return report;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Kept as text by the queue and read later by the uploader: in the default language.
      const reasons = error.errors.map((e) => render(e.message, 'zh')).join('；');
      const message = render(error.text, 'zh');
      throw new UnrecoverableError(reasons ? `${message}：${reasons}` : message);
    }
  }

  private async importForms(job: ImportJob): Promise<ImportReport> {
    const { file, fileName, userId } = job.data;
    // The uploader as they are now: a user deactivated since the upload imports nothing.
    const caller = await this.authentication.findCaller(userId);
    if (!caller) throw new AppError('FORBIDDEN', say('auth.uploaderGone'));
    // Prepared again: a unit or the uploader's role may have changed while the job waited.
    const plan = await this.importer.prepare(Buffer.from(file, 'base64'), fileName, caller.actor);
    await job.updateProgress({ done: 0, total: plan.forms.length });
    return this.importer.run(plan, caller.actor, (done, total) => job.updateProgress({ done, total }));
  }
}
