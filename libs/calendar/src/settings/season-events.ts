import type { BudgetCycleSettings, CalendarYearSettings } from '@app/config';

/**
 * The budget office's settings, each year on its own stream of the log: every change is an event
 * carrying the whole of the year's settings (not a patch), so the last one is what applies and
 * the stream is the record of who set which deadline when.
 */
export const budgetYearStream = (year: number): string => `budget-year-${year}`;
export const calendarStream = (year: number): string => `calendar-${year}`;

/** Both kinds of stream, as the one pattern a read of the log picks them out by. */
export const SEASON_STREAM = /^(budget-year|calendar)-(\d{4})$/;

export type BudgetYearSet = { type: 'BudgetYearSet'; data: { year: number } & BudgetCycleSettings };
export type CalendarYearSet = { type: 'CalendarYearSet'; data: { year: number } & CalendarYearSettings };
export type SeasonEvent = BudgetYearSet | CalendarYearSet;
