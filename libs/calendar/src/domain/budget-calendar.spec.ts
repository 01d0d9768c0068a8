import { describe, expect, it } from '@jest/globals';
import { BudgetCalendar } from './budget-calendar.js';
import { HOLIDAYS_2025, shanghai } from './calendar.fixtures.js';

const calendar = new BudgetCalendar(
  [HOLIDAYS_2025],
  [
    {
      budgetYear: 2026,
      submissionDeadline: '2025-10-31',
      submissionReminderDays: 10,
      stageLimits: { departmental_review: 5, bureau_signoff: 3, finance_confirmation: 10 },
    },
  ],
);

describe('the budget calendar', () => {
  it('gives each review stage of a budget year its own time limit in working days', () => {
    const entered = shanghai('2025-09-30T15:20:00');
    expect(calendar.stageDueAt('departmental_review', entered, 2026).toISOString()).toBe('2025-10-14T16:00:00.000Z');
    expect(calendar.stageDueAt('bureau_signoff', entered, 2026).toISOString()).toBe('2025-10-11T16:00:00.000Z');
  });

  it('refuses a budget year it has no cycle for, naming the year and the file to add', () => {
    const attempt = () => calendar.stageDueAt('departmental_review', shanghai('2025-09-30T15:20:00'), 2027);
    expect(attempt).toThrow(expect.objectContaining({ code: 'CALENDAR_MISSING', details: { year: 2027 } }));
    expect(attempt).toThrow(/2027\.json/);
  });

  it('says which submission deadlines are near: within the reminder window, up to the day itself', () => {
    const near = (local: string) => calendar.submissionDeadlinesNear(shanghai(local)).map((c) => c.budgetYear);
    expect(near('2025-10-20T08:00:00')).toEqual([]);
    expect(near('2025-10-21T08:00:00')).toEqual([2026]);
    expect(near('2025-10-31T23:00:00')).toEqual([2026]);
    expect(near('2025-11-01T08:00:00')).toEqual([]);
  });
});
