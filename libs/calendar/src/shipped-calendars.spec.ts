import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/config';
import { budgetCalendarOf } from './calendar.module.js';

// Here rather than in config/: the config is read below every lib, the calendar built from it above.
describe('the budget calendars at boot', () => {
  it('ship 2025 and 2026 as the official notices have them, and 2027 with its holidays still to come', () => {
    const calendar = budgetCalendarOf(loadConfig({}).calendars);
    expect(calendar.budgetYears()).toEqual([2025, 2026, 2027]);
    expect(calendar.working.years()).toEqual([2025, 2026]);
    expect(calendar.working.estimates('2027-01-01')).toBe(true);
    const due = (local: string, days: number) =>
      calendar.working.dueAfter(new Date(`${local}+08:00`), days).toISOString();
    expect(due('2025-01-24T15:20:00', 5)).toBe('2025-02-07T16:00:00.000Z'); // across the 2025 Spring Festival
    expect(due('2025-09-30T15:20:00', 5)).toBe('2025-10-14T16:00:00.000Z'); // across National Day 2025
    expect(due('2026-02-13T15:20:00', 1)).toBe('2026-02-14T16:00:00.000Z'); // Saturday 2/14 worked
    expect(due('2026-02-13T15:20:00', 2)).toBe('2026-02-24T16:00:00.000Z'); // then 2/15–2/23 off
  });

  it('count 2027 Monday to Friday until its holidays are entered', () => {
    const calendar = budgetCalendarOf(loadConfig({}).calendars);
    const entered = new Date('2026-12-30T15:20:00+08:00'); // a Wednesday
    // 12/31 (Thu), then 1/1 (Fri: no 元旦 known yet), 1/4, 1/5, 1/6 (Mon–Wed).
    expect(calendar.stageDueAt('departmental_review', entered, 2027).toISOString()).toBe('2027-01-06T16:00:00.000Z');
  });
});
