import type { DeadlineSettings } from '@app/config';
import type { JobPayloads } from '@app/jobs';
import type { StageEntry } from './stage-entry.js';

export type DeadlineKind = JobPayloads['deadline-notice']['kind'];

export interface PlannedJob {
  jobId: string;
  fireAt: Date;
  data: JobPayloads['deadline-notice'];
}

/** BullMQ keeps `:` for itself in job ids, hence dashes. */
export const deadlineJobId = (kind: DeadlineKind, declarationId: string, enteredVersion: number): string =>
  `${kind}-${declarationId}-${enteredVersion}`;

/**
 * The jobs a stay in a stage gets: a reminder `reminderLeadMs` before the due time, the overdue
 * notice at it, the escalation `escalationDelayMs` after it. A reminder is left out when its time
 * is already past at `now`: past the due time the overdue notice says more, and a reminder that
 * would fire before the stage even began is no reminder.
 */
export function planDeadlineJobs(
  declarationId: string,
  entry: StageEntry,
  settings: DeadlineSettings,
  now: Date,
): PlannedJob[] {
  const due = Date.parse(entry.dueAt);
  const times: [DeadlineKind, number][] = [
    ['reminder', due - settings.reminderLeadMs],
    ['overdue', due],
    ['escalation', due + settings.escalationDelayMs],
  ];
  return times
    .filter(([kind, at]) => kind !== 'reminder' || (at > Date.parse(entry.enteredAt) && now.getTime() < due))
    .map(([kind, at]) => ({
      jobId: deadlineJobId(kind, declarationId, entry.enteredVersion),
      fireAt: new Date(at),
      data: { kind, declarationId, stage: entry.stage, enteredVersion: entry.enteredVersion },
    }));
}
