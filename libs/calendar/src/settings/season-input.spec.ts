import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/platform';
import { checkedBudgetCycle, checkedCalendarYear, checkedYear } from './season-input.js';

const cycle = {
  submissionDeadline: '2026-11-20',
  submissionReminderDays: 10,
  stageLimits: { departmental_review: 5, bureau_signoff: 3, finance_confirmation: 10 },
};

const calendar2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-13' },
  ],
  workdays: [{ date: '2027-02-20', name: '春节调休上班' }],
};

/** The field errors a check refused with, as `path CODE`. */
function refusal(check: () => unknown): string[] {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    return (error as AppError).errors.map((e) => `${e.path} ${e.code}`);
  }
  throw new Error('accepted');
}

describe('a budget year’s cycle, as the budget office sends it', () => {
  it('is taken whole when every field is sound', () => {
    expect(checkedBudgetCycle(2027, cycle)).toEqual(cycle);
  });

  it('names each malformed field', () => {
    expect(refusal(() => checkedBudgetCycle(2027, { ...cycle, submissionDeadline: '2026-02-30' }))).toEqual([
      'submissionDeadline INVALID',
    ]);
    expect(
      refusal(() => checkedBudgetCycle(2027, { ...cycle, stageLimits: { ...cycle.stageLimits, bureau_signoff: 0 } })),
    ).toEqual(['stageLimits.bureau_signoff TOO_SMALL']);
    expect(refusal(() => checkedBudgetCycle(2027, { ...cycle, submissionReminderDays: '10' }))).toEqual([
      'submissionReminderDays INVALID_TYPE',
    ]);
    expect(refusal(() => checkedBudgetCycle(2027, { ...cycle, stageLimits: { departmental_review: 5 } }))).toEqual([
      'stageLimits.bureau_signoff REQUIRED',
      'stageLimits.finance_confirmation REQUIRED',
    ]);
    expect(refusal(() => checkedBudgetCycle(2027, { ...cycle, deadline: '2026-11-20' }))).toEqual([
      'deadline UNKNOWN_FIELD',
    ]);
    expect(refusal(() => checkedBudgetCycle(2027, null))).toEqual([' INVALID_TYPE']);
  });

  it('refuses a deadline outside the run-up to the budget year', () => {
    expect(refusal(() => checkedBudgetCycle(2027, { ...cycle, submissionDeadline: '2025-10-31' }))).toEqual([
      'submissionDeadline INCONSISTENT',
    ]);
    expect(checkedBudgetCycle(2027, { ...cycle, submissionDeadline: '2027-01-15' }).submissionDeadline).toBe(
      '2027-01-15',
    );
  });
});

describe('a calendar year’s holidays, as the State Council’s notice has them', () => {
  it('is taken whole when every day is sound', () => {
    expect(checkedCalendarYear(2027, calendar2027)).toEqual(calendar2027);
  });

  it('names the day that is not in the year, runs backwards, or is a weekday 调休', () => {
    const bad = {
      ...calendar2027,
      holidays: [
        { name: '元旦', from: '2026-12-31', to: '2027-01-03' },
        { name: '春节', from: '2027-02-13', to: '2027-02-06' },
      ],
      workdays: [
        { date: '2027-02-22', name: '星期一' },
        { date: '2027-01-02', name: '元旦当中' },
      ],
    };
    expect(refusal(() => checkedCalendarYear(2027, bad))).toEqual([
      'holidays[0] INCONSISTENT',
      'holidays[1].from INCONSISTENT',
      'workdays[0].date INCONSISTENT',
      'workdays[1].date INCONSISTENT',
    ]);
  });

  it('names a malformed field, and requires the notice it comes from', () => {
    const { source: _source, ...unsourced } = calendar2027;
    expect(refusal(() => checkedCalendarYear(2027, unsourced))).toEqual(['source REQUIRED']);
    expect(
      refusal(() =>
        checkedCalendarYear(2027, { ...calendar2027, holidays: [{ name: '', from: '2027-1-1', to: '2027-01-01' }] }),
      ),
    ).toEqual(['holidays[0].name TOO_SMALL', 'holidays[0].from INVALID']);
    expect(refusal(() => checkedCalendarYear(2027, { ...calendar2027, source: 'a\u0000b' }))).toEqual([
      'source INVALID_CHARACTERS',
    ]);
    expect(refusal(() => checkedCalendarYear(2027, { ...calendar2027, source: '\u202e通知' }))).toEqual([
      'source INVALID_CHARACTERS',
    ]);
  });
});

describe('the year of a path', () => {
  it('is four digits from 2000 to 2100', () => {
    expect(checkedYear('2027')).toBe(2027);
    for (const bad of ['27', '2027.0', '1999', '2101', ' 2027', 'abcd', '02027']) {
      expect(refusal(() => checkedYear(bad))).toEqual(['year INVALID_VALUE']);
    }
  });
});
