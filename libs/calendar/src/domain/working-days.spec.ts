import { describe, expect, it } from '@jest/globals';
import { HOLIDAYS_2025, NEW_YEAR_2026, shanghai } from './calendar.fixtures.js';
import { endOfLocalDay, localDateOf, WorkingCalendar } from './working-days.js';

const calendar = new WorkingCalendar([HOLIDAYS_2025, NEW_YEAR_2026]);
const due = (entered: string, workingDays: number) => calendar.dueAfter(shanghai(entered), workingDays).toISOString();

describe('the bureau’s clock', () => {
  it('counts days in Asia/Shanghai, whatever UTC says', () => {
    expect(localDateOf(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
    expect(localDateOf(new Date('2025-09-30T16:00:00.000Z'))).toBe('2025-10-01');
    expect(endOfLocalDay('2025-10-14').toISOString()).toBe('2025-10-14T16:00:00.000Z');
  });
});

describe('working days', () => {
  it('are Monday to Friday, less the holidays, plus the weekend days worked in exchange (调休)', () => {
    expect(calendar.isWorkingDay('2025-01-24')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2025-01-25')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true); // Sunday, worked for the Spring Festival
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false); // 除夕, a Tuesday
    expect(calendar.isWorkingDay('2025-02-04')).toBe(false); // 初七, a Tuesday
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true); // Saturday, worked
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, National Day + Mid-Autumn
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday, worked
  });

  it('never count the day a period starts on (期间开始的当日不计入)', () => {
    expect(calendar.addWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(calendar.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10'); // Friday → Monday
    expect(calendar.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10'); // from a Saturday
  });
});

describe('a stage’s due time: 24:00 of the nth working day after the day it was entered', () => {
  it('is the same whether entered at 09:00, 15:20 or 23:59', () => {
    expect(due('2025-03-03T09:00:00', 5)).toBe('2025-03-10T16:00:00.000Z');
    expect(due('2025-03-03T15:20:00', 5)).toBe('2025-03-10T16:00:00.000Z');
    expect(due('2025-03-03T23:59:59', 5)).toBe('2025-03-10T16:00:00.000Z');
  });

  it('crosses the 2025 Spring Festival, counting its working Sunday and Saturday', () => {
    // Fri 1/24 → Sun 1/26 (worked), Mon 1/27, [1/28–2/4 off], Wed 2/5, Thu 2/6, Fri 2/7
    expect(due('2025-01-24T15:20:00', 5)).toBe('2025-02-07T16:00:00.000Z');
    // Mon 1/27 → the whole festival off → Wed 2/5
    expect(due('2025-01-27T15:20:00', 1)).toBe('2025-02-05T16:00:00.000Z');
    // Thu 2/6 → Fri 2/7, Sat 2/8 (worked), Mon 2/10
    expect(due('2025-02-06T10:00:00', 3)).toBe('2025-02-10T16:00:00.000Z');
  });

  it('crosses National Day and Mid-Autumn 2025, counting Sunday 9/28 and Saturday 10/11', () => {
    // Tue 9/30 → [10/1–10/8 off], Thu 10/9, Fri 10/10, Sat 10/11 (worked), Mon 10/13, Tue 10/14
    expect(due('2025-09-30T15:20:00', 5)).toBe('2025-10-14T16:00:00.000Z');
    // Fri 9/26 → Sun 9/28 (worked), Mon 9/29
    expect(due('2025-09-26T17:00:00', 2)).toBe('2025-09-29T16:00:00.000Z');
    // entered during the holiday: counting starts after that day
    expect(due('2025-10-03T11:00:00', 1)).toBe('2025-10-09T16:00:00.000Z');
  });

  it('crosses into the next year with that year’s calendar', () => {
    // Tue 12/30 → Wed 12/31, [2026-01-01–03 off], Sun 1/4 (worked), Mon 1/5
    expect(due('2025-12-30T15:20:00', 3)).toBe('2026-01-05T16:00:00.000Z');
  });

  it('counts Monday to Friday in a year whose holidays are not published yet, and says so', () => {
    const only2025 = new WorkingCalendar([HOLIDAYS_2025]);
    // Tue 12/30 → Wed 12/31, Thu 1/1 and Fri 1/2 taken as working days (2026's holidays unknown)
    expect(only2025.dueAfter(shanghai('2025-12-30T15:20:00'), 3).toISOString()).toBe('2026-01-02T16:00:00.000Z');
    expect(only2025.estimates('2026-01-02')).toBe(true);
    expect(only2025.estimates('2025-12-31')).toBe(false);
  });
});
