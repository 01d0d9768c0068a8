export { AppConfig, ConfigError, loadConfig, loadConfigFromEnvironment, loadConfigOrExit } from './app-config.js';
export type { CalendarFile, Calendars } from './calendars.js';
export { fileSecret } from './secrets.js';
export { ConfigModule } from './config.module.js';
export type { DeadlineSettings, NoticeSettings } from './notices.env.js';
