export {
  createDataSource,
  dataSourceOptions,
  migrateAsOwner,
  runMigrations,
  type DatabaseSettings,
  type DatabaseUrls,
} from './data-source.js';
export {
  checkRole,
  createRole,
  grantServiceRole,
  LOG_TABLES,
  provisionDatabase,
  READ_MODEL_TABLES,
  roleOfUrl,
  roleProblem,
  TABLE_GRANTS,
  type RoleCheck,
} from './roles.js';
export { ensureDatabase } from './ensure-database.js';
export { DatabaseModule } from './database.module.js';
export { READ_MODELS } from './read-models.js';
export { SCHEMA_MIGRATIONS } from './schema.js';
