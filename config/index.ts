export { AppConfig, ConfigError, loadConfig, loadConfigFromEnvironment } from './app-config.js';
export { ConfigModule } from './config.module.js';
