export { AppConfig, ConfigError, loadConfig, loadConfigFromEnvironment, loadConfigOrExit } from './app-config.js';
export {
  budgetCycleProblems,
  budgetCycleSchema,
  calendarYearProblems,
  calendarYearSchema,
  type BudgetCycleSettings,
  type CalendarFile,
  type Calendars,
  type CalendarYearSettings,
  type SettingsProblem,
} from './calendars.js';
export { fileSecret } from './secrets.js';
export { ConfigModule } from './config.module.js';
export type { DeadlineSettings, NoticeSettings } from './notices.env.js';
export { NODE_FLAGS } from './node-flags.js';
