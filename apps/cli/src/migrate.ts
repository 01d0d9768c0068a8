import type { AppConfig } from '@app/config';
import { createDataSource, runMigrations } from '@app/database';

export async function migrate(config: AppConfig): Promise<string[]> {
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
