export { createDataSource, dataSourceOptions, runMigrations, type DatabaseSettings } from './data-source.js';
export { ensureDatabase } from './ensure-database.js';
export { DatabaseModule } from './database.module.js';
export { READ_MODELS } from './read-models.js';
export { SCHEMA_MIGRATIONS } from './schema.js';
