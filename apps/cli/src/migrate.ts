import type { AppConfig } from '@app/config';
import { createDataSource, ensureDatabase, runMigrations } from '@app/database';

/** Creates the database if the server has none of that name yet, then applies pending migrations. */
export async function migrate(config: AppConfig): Promise<string[]> {
  if (await ensureDatabase(config.database.url)) process.stdout.write('created the database\n');
  const dataSource = createDataSource({ ...config.database, poolSize: 1, applicationName: 'pta-cli' });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
    return applied;
  } finally {
    await dataSource.destroy();
  }
}
