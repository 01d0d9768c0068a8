import { DataSource, MigrationExecutor, type DataSourceOptions } from 'typeorm';

type Entities = DataSourceOptions['entities'];
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
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      // The same connection holds the lock and runs the migrations, so a pool of one suffices.
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
