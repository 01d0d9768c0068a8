import { QueueEvents } from 'bullmq';
import { bullConnection, QUEUE } from '@app/jobs';

export interface JobRuns {
  /** Times each job id was added (a completed job whose record was trimmed can be added again). */
  added: Map<string, number>;
  /** Times each job id completed: more than one is a job processed more than once. */
  completed: Map<string, number>;
  /** Completions after a job's first that sent a notice (its return value says so). */
  repeatsThatSent: number;
  /** How long each deadline job's first run took (active to completed), in ms. */
  durations: number[];
  /** The most deadline jobs seen running at once: the worker's concurrency, as it behaves. */
  mostAtOnce: number;
  /** Adds BullMQ ignored because it held the id. */
  duplicated: number;
  failed: number;
}

/**
 * What the deadlines queue's event stream says about its jobs: a run that sends nothing leaves no
 * record in the log, so jobs processed twice are only seen here. The maintenance queue's tells when
 * the re-derive ran. Event times are the stream ids'.
 */
export class DeadlineJobWatch {
  readonly runs: JobRuns = {
    added: new Map(),
    completed: new Map(),
    repeatsThatSent: 0,
    durations: [],
    mostAtOnce: 0,
    duplicated: 0,
    failed: 0,
  };
  private readonly activeAt = new Map<string, number>();
  private running = 0;
  /** The maintenance queue's jobs (a re-derive): when they became active and completed, what they returned. */
  private readonly others = new Map<string, { activeAt?: number; completedAt?: number; result?: unknown }>();

  private constructor(
    private readonly events: QueueEvents,
    private readonly maintenance: QueueEvents,
  ) {
    const bump = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);
    events.on('added', ({ jobId }) => bump(this.runs.added, jobId));
    events.on('duplicated', () => (this.runs.duplicated += 1));
    events.on('failed', ({ jobId }) => {
      this.runs.failed += 1;
      if (this.activeAt.delete(jobId)) this.running -= 1;
    });
    events.on('active', ({ jobId }, id) => {
      if (!DEADLINE_JOB.test(jobId)) return;
      this.activeAt.set(jobId, timeOf(id));
      this.running += 1;
      this.runs.mostAtOnce = Math.max(this.runs.mostAtOnce, this.running);
    });
    events.on('completed', ({ jobId, returnvalue }, id) => {
      bump(this.runs.completed, jobId);
      const active = this.activeAt.get(jobId);
      if (this.activeAt.delete(jobId)) this.running -= 1;
      if (active !== undefined && this.runs.completed.get(jobId) === 1) this.runs.durations.push(timeOf(id) - active);
      const sent = (returnvalue as { sent?: number } | null)?.sent ?? 0;
      if (this.runs.completed.get(jobId)! > 1 && sent > 0) this.runs.repeatsThatSent += 1;
    });
    maintenance.on('active', ({ jobId }, id) => this.other(jobId, { activeAt: timeOf(id) }));
    maintenance.on('completed', ({ jobId, returnvalue }, id) =>
      this.other(jobId, { completedAt: timeOf(id), result: returnvalue }),
    );
  }

  static async start(redisUrl: string, prefix: string): Promise<DeadlineJobWatch> {
    const [events, maintenance] = [QUEUE.deadlines, QUEUE.maintenance].map(
      (queue) => new QueueEvents(queue, { connection: bullConnection(redisUrl), prefix }),
    ) as [QueueEvents, QueueEvents];
    await Promise.all([events.waitUntilReady(), maintenance.waitUntilReady()]);
    return new DeadlineJobWatch(events, maintenance);
  }

  /** A job of the maintenance queue, e.g. a re-derive: when it ran and what it returned. */
  job(jobId: string): { activeAt?: number; completedAt?: number; result?: unknown } {
    return this.others.get(jobId) ?? {};
  }

  private other(jobId: string, seen: { activeAt?: number; completedAt?: number; result?: unknown }): void {
    this.others.set(jobId, { ...this.others.get(jobId), ...seen });
  }

  async close(): Promise<void> {
    await Promise.all([this.events.close(), this.maintenance.close()]);
  }
}

const DEADLINE_JOB = /^(reminder|overdue|escalation)-/;

/** A stream entry id is `<ms>-<sequence>`. */
const timeOf = (id: string): number => Number(id.split('-')[0]);
