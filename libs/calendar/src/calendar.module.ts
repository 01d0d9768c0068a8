import { Module } from '@nestjs/common';
import { AppConfig, type Calendars } from '@app/config';
import { BudgetCalendar } from './domain/index.js';

/** The budget calendar as AppConfig loaded it (config/calendars/<year>.json). */
export function budgetCalendarOf(calendars: Calendars): BudgetCalendar {
  return new BudgetCalendar(
    calendars.files.map(({ year, holidays, workdays }) => ({ year, holidays, workdays })),
    calendars.files.map(({ year, budgetCycle }) => ({ budgetYear: year, ...budgetCycle })),
  );
}

@Module({
  providers: [
    {
      provide: BudgetCalendar,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => budgetCalendarOf(config.calendars),
    },
  ],
  exports: [BudgetCalendar],
})
export class CalendarModule {}
