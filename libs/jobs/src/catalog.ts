import type { DefaultJobOptions, JobsOptions } from 'bullmq';
import type { AppConfig } from '@app/config';

/** Every queue the service uses. */
export const QUEUE = {
  maintenance: 'maintenance',
  imports: 'imports',
  projections: 'projections',
  rebuilds: 'rebuilds',
  deadlines: 'deadlines',
  notices: 'notices',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Every job, by name, with its payload: one union, so producers and processors agree. */
export interface JobPayloads {
  /** Walk every hash chain and proof, check the log against every checkpoint, report what is broken. */
  'verify-log': Record<string, never>;
  /** Sign a checkpoint of the log (when it grew since the last one) and publish it to CHECKPOINT_DIR. */
  'make-checkpoint': Record<string, never>;
  /**
   * Send one signed checkpoint to the auditors over one channel (the webhook, or e-mail to every
   * active auditor); id `publish-checkpoint-<treeSize>-<channel>`: enqueueing twice keeps one job.
   */
  'publish-checkpoint': { treeSize: number; channel: 'webhook' | 'email' };
  /**
   * Create the forms of an uploaded file as draft declarations. The API has already parsed and
   * authorised the file; the worker does it again (units or the uploader may have changed since).
   */
  'import-forms': {
    /** The file's bytes, base64: the job is self-contained, so a retry needs nothing else. */
    file: string;
    fileName: string | null;
    /** The uploader, loaded again when the job runs: a deactivated user's import does not run. */
    userId: string;
    correlationId: string | null;
    /** How many forms the file holds, for progress before the job starts. */
    total: number;
    /** `?duplicates=` and `?only=mine` of the upload (absent on jobs queued before they existed). */
    options?: { duplicates: 'flag' | 'skip'; onlyMine: boolean };
  };
  /** Bring every projection up to the end of the log (woken after appends, and every few seconds). */
  'catch-up': Record<string, never>;
  /** Replay the whole log into fresh tables of one read model and swap them in. */
  'rebuild-read-model': { name: string; rebuildId: string };
  /**
   * A stage's reminder, overdue notice or escalation, delayed until it is due. Id
   * `<kind>-<declarationId>-<enteredVersion>`: scheduling twice keeps one job.
   */
  'deadline-notice': {
    kind: 'reminder' | 'overdue' | 'escalation';
    declarationId: string;
    stage: string;
    /** The version of the event that entered the stage: the job sends nothing once it has moved on. */
    enteredVersion: number;
  };
  /** Each unit its unsubmitted declarations as a deadline nears; each reviewer their overdue items. */
  'daily-digests': Record<string, never>;
  /**
   * Put every pending deadline job back from the log (after Redis lost them). On the maintenance
   * queue: it reads the whole log, and on the deadlines queue it would hold a slot that due jobs need.
   */
  'reschedule-deadlines': { requestedBy: string | null };
  /**
   * Deliver a notice by webhook or e-mail; id `deliver-<noticeId>-<channel>`, and
   * `…-<round>` for an admin's retry (round 1, 2 …; absent means 0, the first sending).
   */
  'deliver-notice': { noticeId: string; channel: 'webhook' | 'email'; round?: number };
}
export type JobName = keyof JobPayloads;

/** Default options for every job; a job overrides only what it must. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
};

const WEEK_SECONDS = 7 * 24 * 3600;

/**
 * Default options of every job on a queue. BullMQ trims a queue's finished sets by the options of
 * the job that has just finished, whatever the others asked, so the jobs of one queue share them.
 *
 * A deadline job is kept a week after it completes, whatever completes meanwhile: a re-derive
 * plans every job of each stay still waiting, finds the completed ones under their ids and adds
 * nothing, where a job trimmed away would be added and run again (it sends nothing the second
 * time, but a burst of them delays the jobs falling due). A week covers the escalation a day after
 * the due time and a holiday week an overdue declaration may wait after it. A completed job takes
 * about 1.6 KB of Redis (its hash and its entry in the completed set): at most 200,000 are kept,
 * about 320 MB; past that the oldest go, and a re-derive only runs them again for nothing.
 */
export function queueJobOptions(queue: QueueName): DefaultJobOptions {
  if (queue !== QUEUE.deadlines) return DEFAULT_JOB_OPTIONS;
  return { ...DEFAULT_JOB_OPTIONS, removeOnComplete: { age: WEEK_SECONDS, count: 200_000 } };
}

/** An import's job carries its file (up to 10 MB): kept a week for GET /imports/:id, then dropped. */
export const IMPORT_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: WEEK_SECONDS, count: 1_000 },
  removeOnFail: { age: WEEK_SECONDS, count: 1_000 },
};

export type Schedule<N extends JobName = JobName> = {
  /** Stable id: upserting the same schedule twice keeps one. */
  id: string;
  queue: QueueName;
  job: N;
  data: JobPayloads[N];
} & (
  | {
      /** Cron with seconds, in the bureau's time zone. */
      pattern: string;
    }
  | {
      /** Milliseconds between runs, from the settings; 0 removes the schedule. */
      every: (config: AppConfig) => number;
    }
);

export const TIME_ZONE = 'Asia/Shanghai';

/** Every recurring schedule, in one place. */
export const SCHEDULES: readonly Schedule[] = [
  { id: 'verify-log-nightly', queue: QUEUE.maintenance, job: 'verify-log', data: {}, pattern: '0 30 2 * * *' },
  // CHECKPOINT_INTERVAL; a run when the log did not grow signs nothing.
  {
    id: 'checkpoint',
    queue: QUEUE.maintenance,
    job: 'make-checkpoint',
    data: {},
    every: (config) => config.checkpoints.intervalMs,
  },
  // The safety net under the wake-ups after appends: a lost wake-up only delays a read model.
  { id: 'projections-catch-up', queue: QUEUE.projections, job: 'catch-up', data: {}, pattern: '*/5 * * * * *' },
  // 08:00 every day; the job itself skips days that are not working days.
  { id: 'daily-digests', queue: QUEUE.deadlines, job: 'daily-digests', data: {}, pattern: '0 0 8 * * *' },
];

/** Wake-ups coalesce: one waiting behind the running one is enough, however many appends asked. */
export const CATCH_UP_JOB_OPTIONS = {
  deduplication: { id: 'catch-up', keepLastIfActive: true },
  removeOnComplete: true,
  removeOnFail: { count: 100 },
  attempts: 1,
} as const;

/**
 * A deadline job retries for about 40 minutes (5 s, doubling) before it fails: a database away
 * for a while must not cost a reminder. A re-derive revives one that failed all the same.
 */
export const DEADLINE_JOB_OPTIONS: JobsOptions = { attempts: 10, backoff: { type: 'exponential', delay: 5_000 } };
