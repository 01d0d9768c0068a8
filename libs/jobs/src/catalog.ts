import type { DefaultJobOptions } from 'bullmq';

/** Every queue the service uses. */
export const QUEUE = {
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Every job, by name, with its payload: one union, so producers and processors agree. */
export interface JobPayloads {
  /** Walk every hash chain and report broken links (tamper check). */
  'verify-log': Record<string, never>;
}
export type JobName = keyof JobPayloads;

/** Default options for every job; a job overrides only what it must. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
};

export interface Schedule<N extends JobName = JobName> {
  /** Stable id: upserting the same schedule twice keeps one. */
  id: string;
  queue: QueueName;
  job: N;
  data: JobPayloads[N];
  /** Cron with seconds, in the bureau's time zone. */
  pattern: string;
}

export const TIME_ZONE = 'Asia/Shanghai';

/** Every recurring schedule, in one place. */
export const SCHEDULES: readonly Schedule[] = [
  { id: 'verify-log-nightly', queue: QUEUE.maintenance, job: 'verify-log', data: {}, pattern: '0 30 2 * * *' },
];
