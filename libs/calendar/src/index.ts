// The budget calendar: working days with holidays and 调休, stage time limits, submission deadlines,
// and the budget office's settings of each year on their own streams.
export { budgetCalendarOf, CalendarModule } from './calendar.module.js';
export * from './domain/index.js';
export { checkedBudgetCycle, checkedCalendarYear, checkedYear } from './settings/season-input.js';
export { budgetYearStream, calendarStream, type SeasonEvent } from './settings/season-events.js';
export {
  CurrentCalendar,
  FixedCalendar,
  SeasonSettings,
  type BudgetYearView,
  type CalendarYearView,
  type SettingsChange,
  type SettingsOrigin,
} from './settings/season-settings.js';
