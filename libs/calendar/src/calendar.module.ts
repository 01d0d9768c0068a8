import { Module } from '@nestjs/common';
import type { Calendars } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { BudgetCalendar } from './domain/index.js';
import { CurrentCalendar, SeasonSettings } from './settings/season-settings.js';

/** The budget calendar of the files alone (config/calendars/<year>.json), as AppConfig loaded them. */
export function budgetCalendarOf(calendars: Calendars): BudgetCalendar {
  return new BudgetCalendar(
    calendars.files.flatMap(({ year, holidays, workdays }) =>
      holidays && workdays ? [{ year, holidays, workdays }] : [],
    ),
    calendars.files.map(({ year, budgetCycle }) => ({ budgetYear: year, ...budgetCycle })),
  );
}

/**
 * The budget calendar that applies now: the files as defaults, the budget office's changes from
 * the log over them (SeasonSettings). Needs a DataSource in scope.
 */
@Module({
  imports: [EventStoreModule],
  providers: [SeasonSettings, { provide: CurrentCalendar, useExisting: SeasonSettings }],
  exports: [SeasonSettings, CurrentCalendar],
})
export class CalendarModule {}
