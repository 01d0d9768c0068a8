import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobState } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import type { Actor } from '@app/identity/roles';
import { reportView, type ImportReport, type ImportReportView } from '@app/imports';
import { DEFAULT_JOB_OPTIONS, IMPORT_JOB_OPTIONS, QUEUE, type JobPayloads } from '@app/jobs';
import { AppError, createFailFastRedis, say, type Language } from '@app/platform';

type ImportJobData = JobPayloads['import-forms'];

export interface ImportStatusView {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress: { done: number; total: number };
  report?: ImportReportView;
  /** Why a failed import failed. */
  error?: string;
}

const REDIS_DEADLINE_MS = 5_000;

type ImportsQueue = Queue<ImportJobData, ImportReport>;

/**
 * The API's end of the imports queue. Opened on first use, so the API boots and serves everything
 * else with Redis down (the event log is the source of truth). A call that cannot reach Redis in
 * time answers 503 and drops the connection, so the next call starts afresh rather than waiting
 * on a connection that already failed to open.
 */
@Injectable()
export class ImportQueue implements OnApplicationShutdown {
  private current: { queue: ImportsQueue; redis: Redis } | null = null;

  constructor(private readonly config: AppConfig) {}

  async enqueue(id: string, data: ImportJobData): Promise<void> {
    // Trap: an add that outlives the deadline may still land once Redis is back. Harmless: the
    // import is idempotent, so the client's retry finds its forms already in and skips them.
    await this.call((queue) => queue.add('import-forms', data, { ...IMPORT_JOB_OPTIONS, jobId: id }));
  }

  /** The import as the uploader or an admin sees it; anyone else gets 404, like an unknown id. */
  async status(id: string, actor: Actor, language: Language): Promise<ImportStatusView> {
    // The state first, then the job: read the other way round, a job finishing in between would
    // show as completed with the report (or failed with the reason) of a moment before: none.
    const state = await this.call((queue) => queue.getJobState(id));
    const job = await this.call((queue) => queue.getJob(id));
    if (!job || (actor.role !== 'admin' && job.data.userId !== actor.userId)) {
      throw new AppError('NOT_FOUND', say('import.notFound'));
    }
    const status = statusOf(state);
    const total = job.data.total;
    const progress = isProgress(job.progress) ? job.progress : { done: 0, total };
    const view: ImportStatusView = { id, status, progress };
    if (status === 'completed') {
      view.report = reportView(job.returnvalue, language);
      view.progress = { done: total, total };
    }
    if (status === 'failed') view.error = job.failedReason;
    return view;
  }

  async onApplicationShutdown(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (!current) return;
    await withinDeadline(current.queue.close(), 1_000).catch(() => undefined);
    current.redis.disconnect();
  }

  private async call<T>(work: (queue: ImportsQueue) => Promise<T>): Promise<T> {
    const current = this.open();
    try {
      return await withinDeadline(work(current.queue), REDIS_DEADLINE_MS);
    } catch {
      if (this.current === current) this.current = null;
      // Cutting the connection is enough: closing the queue would drop its error listener first.
      current.redis.disconnect();
      throw new AppError('SERVICE_UNAVAILABLE', say('request.queueUnavailable'));
    }
  }

  private open(): { queue: ImportsQueue; redis: Redis } {
    if (!this.current) {
      // Our own connection, handed to BullMQ, so shutting down can always cut it.
      const redis = createFailFastRedis(this.config.redis.url);
      redis.on('error', () => undefined); // Redis away: reported by /health/ready, answered 503 here
      const queue: ImportsQueue = new Queue(QUEUE.imports, {
        connection: redis,
        prefix: this.config.redis.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      queue.on('error', () => undefined);
      this.current = { queue, redis };
    }
    return this.current;
  }
}

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** BullMQ's many waiting states are one "queued" to a client; a failed attempt that will retry is queued too. */
function statusOf(state: JobState | 'unknown'): ImportStatusView['status'] {
  if (state === 'active') return 'running';
  if (state === 'completed' || state === 'failed') return state;
  return 'queued';
}

function isProgress(value: unknown): value is { done: number; total: number } {
  return typeof value === 'object' && value !== null && 'done' in value && 'total' in value;
}
