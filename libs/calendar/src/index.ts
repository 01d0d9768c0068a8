// The budget calendar: working days with holidays and 调休, stage time limits, submission deadlines.
export { budgetCalendarOf, CalendarModule } from './calendar.module.js';
export * from './domain/index.js';
