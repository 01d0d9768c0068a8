import { DataSource, MigrationExecutor, type DataSourceOptions, type QueryRunner } from 'typeorm';

type Entities = DataSourceOptions['entities'];
import { grantServiceRole, provisionDatabase, roleOfUrl } from './roles.js';
import { SCHEMA_MIGRATIONS } from './schema.js';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  /** Shown in pg_stat_activity, so an operator sees which process holds a connection. */
  applicationName?: string;
}

export function dataSourceOptions(settings: DatabaseSettings, entities: Entities = []): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities,
    migrations: SCHEMA_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: settings.applicationName ?? 'pta',
    extra: { max: settings.poolSize, connectionTimeoutMillis: 5_000 },
  };
}

export function createDataSource(settings: DatabaseSettings, entities: Entities = []): DataSource {
  return new DataSource(dataSourceOptions(settings, entities));
}

/** An arbitrary constant: the key of the advisory lock that serialises migration runs. */
const MIGRATION_LOCK_KEY = 7_351_904_221;

/**
 * Applies pending migrations. The api, the worker and the CLI all call this at start-up;
 * the advisory lock makes concurrent starts take turns instead of racing on the same DDL.
 */
export async function runMigrations(
  dataSource: DataSource,
  /** Run after the migrations on the same connection, still holding the lock (grants: two at once would clash). */
  after?: (db: QueryRunner) => Promise<void>,
): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      // The same connection holds the lock and runs the migrations, so a pool of one suffices.
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      await after?.(runner);
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

export interface DatabaseUrls {
  url: string;
  ownerUrl: string | null;
  adminUrl: string | null;
}

/**
 * Migrates as the owner role and grants the service role its rights (TABLE_GRANTS), both under the
 * migration lock; with `provision` and a superuser URL, first creates the roles and the database.
 * Without an owner URL the one role of DATABASE_URL does everything, as before.
 */
export async function migrateAsOwner(
  urls: DatabaseUrls,
  applicationName: string,
  provision = false,
): Promise<string[]> {
  if (provision && urls.adminUrl && urls.ownerUrl) await provisionDatabase(urls.adminUrl, urls.ownerUrl, urls.url);
  const owner = createDataSource({ url: urls.ownerUrl ?? urls.url, poolSize: 1, applicationName });
  await owner.initialize();
  try {
    const service = urls.ownerUrl ? roleOfUrl(urls.url) : null;
    return await runMigrations(owner, service ? (db) => grantServiceRole(db, service) : undefined);
  } finally {
    await owner.destroy();
  }
}
