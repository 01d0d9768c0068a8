export { AppConfig, ConfigError, loadConfig, loadConfigFromEnvironment, loadConfigOrExit } from './app-config.js';
export { ConfigModule } from './config.module.js';
