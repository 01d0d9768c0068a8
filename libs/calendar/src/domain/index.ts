// The budget calendar, pure: working days, holidays and 调休, stage time limits.
export * from './budget-calendar.js';
export * from './working-days.js';
