import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { readableHead } from '@app/event-store';
import { bullConnection, QUEUE } from '@app/jobs';
import { waitFor } from '../support/throwaway.js';
import type { Measure } from './report.js';

/** What several workers must not do twice, checked after the measures ran. */
export interface ExactlyOnce {
  /** The rebuild of (d): its job started once, never stalled, and its row completed once. */
  rebuild: { attemptsStarted: number; stalledCounter: number; status: string | null } | null;
  /** Each log consumer's events_applied against the events at or before its checkpoint. */
  consumers: { name: string; applied: number; inLog: number }[];
  /** Notices whose stream holds more than one NoticeSent (a notice sent twice). */
  noticesSentTwice: number;
}

/** The rebuild job (id = the rebuild's id) as BullMQ kept it, and its row. */
export async function rebuildRuns(
  db: DataSource,
  redisUrl: string,
  prefix: string,
  rebuildId: string,
): Promise<ExactlyOnce['rebuild']> {
  const queue = new Queue(QUEUE.rebuilds, { connection: bullConnection(redisUrl), prefix });
  try {
    const job = await queue.getJob(rebuildId);
    const [row] = await db.query<{ status: string }[]>(`SELECT status FROM read_model_rebuilds WHERE id = $1`, [
      rebuildId,
    ]);
    if (!job) return null;
    return { attemptsStarted: job.attemptsStarted, stalledCounter: job.stalledCounter, status: row?.status ?? null };
  } finally {
    await queue.close();
  }
}

/**
 * Compares what each log consumer says it applied with the events at or before its checkpoint (one
 * statement, one snapshot; a consumer passes only committed events): an event applied twice (two
 * workers on one batch) or skipped shows here, wherever the consumer has got to. It waits a minute at
 * most for them to reach the head first, so that the count covers the run's last events.
 */
export async function consumerCounts(db: DataSource): Promise<ExactlyOnce['consumers']> {
  const head = await readableHead((text, params) => db.query(text, params));
  if (head) {
    await waitFor(
      'every log consumer at the head',
      async () => {
        const [{ behind }] = await db.query<[{ behind: number }]>(
          `SELECT count(*)::int AS behind FROM projection_checkpoints
            WHERE name NOT LIKE '%:rebuild' AND (transaction_id, global_position) < ($1::bigint, $2::bigint)`,
          [head.transactionId.toString(), head.globalPosition.toString()],
        );
        return behind === 0;
      },
      60_000,
    ).catch(() => undefined);
  }
  const rows = await db.query<{ name: string; applied: string; in_log: string }[]>(
    `SELECT c.name, c.events_applied AS applied,
            (SELECT count(*) FROM events e
              WHERE (e.transaction_id, e.global_position) <= (c.transaction_id::text::xid8, c.global_position)) AS in_log
       FROM projection_checkpoints c WHERE c.name NOT LIKE '%:rebuild' ORDER BY c.name`,
  );
  return rows.map((r) => ({ name: r.name, applied: Number(r.applied), inLog: Number(r.in_log) }));
}

export async function noticesSentTwice(db: DataSource): Promise<number> {
  const [{ n }] = await db.query<[{ n: number }]>(
    `SELECT count(*)::int AS n FROM (SELECT stream_id FROM events WHERE type = 'NoticeSent'
       GROUP BY stream_id HAVING count(*) > 1) twice`,
  );
  return n;
}

/** (x) The checks as a row of the table: every one must hold, with one process of each or several. */
export function exactlyOnceMeasure(checks: ExactlyOnce, processes: { apis: number; workers: number }): Measure {
  const rebuildOnce =
    checks.rebuild === null ||
    (checks.rebuild.attemptsStarted === 1 &&
      checks.rebuild.stalledCounter === 0 &&
      checks.rebuild.status === 'completed');
  const miscounted = checks.consumers.filter((c) => c.applied !== c.inLog);
  const failures = [
    ...(rebuildOnce ? [] : ['rebuild not run exactly once']),
    ...miscounted.map((c) => `${c.name} applied ${c.applied} of ${c.inLog}`),
    ...(checks.noticesSentTwice > 0 ? [`${checks.noticesSentTwice} notices sent twice`] : []),
  ];
  return {
    id: 'x',
    name: `exactly once with ${processes.apis} api and ${processes.workers} worker processes`,
    value: failures.length,
    unit: 'failures',
    baseline: null,
    ratio: null,
    target: '0',
    pass: failures.length === 0,
    note:
      failures.length === 0
        ? 'rebuild ran once, every consumer applied each event once, no notice twice'
        : failures.join('; '),
    details: { ...checks, ...processes },
  };
}
