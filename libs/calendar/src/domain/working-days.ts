import { AppError } from '@app/platform/errors';
import { say, type Text } from '@app/platform/messages';

/** A day on the bureau's wall calendar (Asia/Shanghai), `YYYY-MM-DD`. */
export type LocalDate = string;

/** One calendar year's public holidays and make-up working days (调休), as the State Council announced them. */
export interface HolidayYear {
  year: number;
  /** Days off, each range inclusive. */
  holidays: readonly { name: string; from: LocalDate; to: LocalDate }[];
  /** Saturdays and Sundays that are working days (调休上班). */
  workdays: readonly { date: LocalDate; name: string }[];
}

// China has kept UTC+8 all year since 1991: no daylight saving to handle.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 24:00 of that day in Asia/Shanghai, i.e. 00:00 of the next. */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - SHANGHAI_OFFSET_MS);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function calendarMissing(year: number, what: Text): AppError {
  return new AppError('CALENDAR_MISSING', say('calendar.missing', { year, what }), [], { year });
}

/**
 * Working days as a civil servant counts them: Monday to Friday, except the public holidays,
 * plus the weekend days worked in exchange (调休). A period that runs into a calendar year whose
 * holidays are not published yet (late December, before the State Council's notice) counts
 * Monday to Friday there: refusing an approval for want of next year's holidays would stop the
 * work, and `estimates()` says when a due time rests on such a guess.
 */
export class WorkingCalendar {
  private readonly off = new Set<LocalDate>();
  private readonly on = new Set<LocalDate>();
  private readonly known = new Set<number>();

  constructor(years: readonly HolidayYear[]) {
    for (const year of years) {
      this.known.add(year.year);
      for (const { from, to } of year.holidays) {
        for (let day = from; day <= to; day = addDays(day, 1)) this.off.add(day);
      }
      for (const { date } of year.workdays) this.on.add(date);
    }
  }

  years(): number[] {
    return [...this.known].sort();
  }

  /** True when `date` lies in a year whose holidays are not known, so Monday–Friday was assumed. */
  estimates(date: LocalDate): boolean {
    return !this.known.has(Number(date.slice(0, 4)));
  }

  isWorkingDay(date: LocalDate): boolean {
    if (this.on.has(date)) return true;
    if (this.off.has(date)) return false;
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  /** The `n`th working day after `date`; `date` itself never counts (期间开始的当日不计入). */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    let day = date;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  /**
   * When a period of `workingDays` that starts at `start` ends: 24:00 (Asia/Shanghai) of the
   * `workingDays`th working day after the day `start` falls on, whatever the hour it started.
   */
  dueAfter(start: Date, workingDays: number): Date {
    return endOfLocalDay(this.addWorkingDays(localDateOf(start), workingDays));
  }
}
