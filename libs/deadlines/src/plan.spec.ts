import { describe, expect, it } from '@jest/globals';
import { planDeadlineJobs } from './plan.js';

const entry = {
  stage: 'departmental_review' as const,
  enteredVersion: 2,
  enteredAt: '2025-09-30T07:20:00.000Z',
  dueAt: '2025-10-14T16:00:00.000Z',
};
const settings = { reminderLeadMs: 16 * 3_600_000, escalationDelayMs: 24 * 3_600_000 };

describe('the jobs of a stay in a stage', () => {
  it('are a reminder before the due time, the overdue notice at it and an escalation after it, with fixed ids', () => {
    const jobs = planDeadlineJobs('d-1', entry, settings, new Date(entry.enteredAt));
    expect(jobs.map((j) => [j.jobId, j.fireAt.toISOString()])).toEqual([
      ['reminder-d-1-2', '2025-10-14T00:00:00.000Z'], // 08:00 on the last day
      ['overdue-d-1-2', '2025-10-14T16:00:00.000Z'],
      ['escalation-d-1-2', '2025-10-15T16:00:00.000Z'],
    ]);
    expect(jobs[0]!.data).toEqual({
      kind: 'reminder',
      declarationId: 'd-1',
      stage: 'departmental_review',
      enteredVersion: 2,
    });
  });

  it('leave the reminder out once the due time has passed, or when it would come before the stage began', () => {
    const late = planDeadlineJobs('d-1', entry, settings, new Date('2025-10-15T00:00:00Z'));
    expect(late.map((j) => j.data.kind)).toEqual(['overdue', 'escalation']);
    const short = planDeadlineJobs(
      'd-1',
      entry,
      { ...settings, reminderLeadMs: 30 * 86_400_000 },
      new Date(entry.enteredAt),
    );
    expect(short.map((j) => j.data.kind)).toEqual(['overdue', 'escalation']);
  });
});
