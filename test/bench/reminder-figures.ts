import type { DataSource } from 'typeorm';
import type { LogCheckpoint } from '@app/event-store';
import type { JobRuns } from './deadline-jobs.js';

export interface NoticeRow {
  declarationId: string;
  recipientId: string;
  /** recorded_at of the NoticeSent event, epoch ms. */
  at: number;
}

/** A log consumer of the worker (by default deadline-schedules, its last) has read the log past `head`. */
export async function consumedPast(db: DataSource, head: LogCheckpoint, name = 'deadline-schedules'): Promise<boolean> {
  const rows = await db.query<{ past: boolean }[]>(
    `SELECT (transaction_id, global_position) >= ($1::bigint, $2::bigint) AS past
       FROM projection_checkpoints WHERE name = $3`,
    [head.transactionId.toString(), head.globalPosition.toString(), name],
  );
  return rows[0]?.past ?? false;
}

/**
 * A counter of reminders sent since `from`, reading on from where it last looked in commit order,
 * as far as no transaction still open can land behind it (the worker appends several at once).
 */
export function sentSince(db: DataSource, from: LogCheckpoint): () => Promise<number> {
  let after = [from.transactionId.toString(), from.globalPosition.toString()];
  let sent = 0;
  return async () => {
    const rows = await db.query<{ txid: string; position: string }[]>(
      `SELECT transaction_id::text AS txid, global_position::text AS position FROM events
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND type = 'NoticeSent' AND data->>'kind' = 'reminder'
        ORDER BY transaction_id, global_position`,
      after,
    );
    sent += rows.length;
    if (rows.length > 0) after = [rows.at(-1)!.txid, rows.at(-1)!.position];
    return sent;
  };
}

/** Every reminder appended to the log since `from`. */
export function reminderNotices(db: DataSource, from: LogCheckpoint): Promise<NoticeRow[]> {
  return db.query<NoticeRow[]>(
    `SELECT data->>'declarationId' AS "declarationId", data->>'recipientId' AS "recipientId",
            (extract(epoch FROM recorded_at) * 1000)::float8 AS at
       FROM events WHERE global_position > $1 AND type = 'NoticeSent' AND data->>'kind' = 'reminder'`,
    [from.globalPosition.toString()],
  );
}

export interface Delays {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  min: number | null;
}

/** Percentiles by nearest rank, in ms. */
function delays(values: number[]): Delays {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => (sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!);
  return { count: sorted.length, p50: rank(0.5), p99: rank(0.99), max: rank(1), min: rank(0) };
}

/**
 * Each notice's delay after its reminder was due, by key (declaration, recipient: the kind and
 * the version entering the stage are the same for all); a key sent more than once is a duplicate.
 * A notice not sent by `endedAt` counts as delayed until then, a lower bound. Split at the
 * re-derive's request: it reads the whole log on the same cores while later ones fall due.
 */
export function delayFigures(
  notices: readonly NoticeRow[],
  remindAt: ReadonlyMap<string, number>,
  reviewers: number,
  rederiveAt: number,
  endedAt: number,
) {
  const first = new Map<string, number>();
  let duplicates = 0;
  let others = 0;
  for (const notice of notices) {
    if (!remindAt.has(notice.declarationId)) {
      others += 1;
      continue;
    }
    const key = `${notice.declarationId}:${notice.recipientId}`;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, notice.at);
    else duplicates += 1;
  }
  const all: number[] = [];
  const dueBefore: number[] = [];
  const dueAfter: number[] = [];
  const sentOf = new Map<string, number>();
  const add = (due: number, at: number) => {
    all.push(at - due);
    (due < rederiveAt ? dueBefore : dueAfter).push(at - due);
  };
  for (const [key, at] of first) {
    const id = key.slice(0, key.indexOf(':'));
    sentOf.set(id, (sentOf.get(id) ?? 0) + 1);
    add(remindAt.get(id)!, at);
  }
  for (const [id, due] of remindAt) for (let n = sentOf.get(id) ?? 0; n < reviewers; n++) add(due, endedAt);
  return {
    sent: first.size,
    missing: remindAt.size * reviewers - first.size,
    duplicates,
    otherReminders: others,
    /** Over every expected notice, the missing ones as lower bounds. */
    all: delays(all),
    dueBeforeRederive: delays(dueBefore),
    dueAfterRederive: delays(dueAfter),
    peakSentPerSecond: peakRate(notices, 2_000),
  };
}

/** The most notices recorded within any `spanMs`, per second: what the worker manages with a backlog. */
function peakRate(notices: readonly NoticeRow[], spanMs: number): number {
  const times = notices.map((n) => n.at).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= spanMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return Math.round(most / (spanMs / 1000));
}

/** The reminder jobs of the measured stays, as the deadlines queue's events tell. */
export function jobFigures(runs: JobRuns, remindAt: ReadonlyMap<string, number>) {
  let observed = 0;
  let repeated = 0;
  let addedAgain = 0;
  for (const id of remindAt.keys()) {
    const jobId = `reminder-${id}-2`;
    const completed = runs.completed.get(jobId) ?? 0;
    if (completed > 0) observed += 1;
    if (completed > 1) repeated += 1;
    if ((runs.added.get(jobId) ?? 0) > 1) addedAgain += 1;
  }
  const { p50, p99, max } = delays(runs.durations);
  return {
    completedObserved: observed,
    repeated,
    repeatsThatSent: runs.repeatsThatSent,
    addedAgain,
    addsIgnoredAsDuplicate: runs.duplicated,
    failed: runs.failed,
    mostAtOnce: runs.mostAtOnce,
    runMs: { p50, p99, max },
  };
}
