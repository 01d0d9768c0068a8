import type { AppConfig } from '@app/config';
import { ensureDatabase, migrateAsOwner } from '@app/database';

/**
 * Creates what is missing (with a superuser URL: the owner and service roles and the database they
 * use; otherwise the database, if the server has none of that name), then applies pending
 * migrations as the owner role and grants the service role its rights.
 */
export async function migrate(config: AppConfig): Promise<string[]> {
  const { database } = config;
  if (!(database.adminUrl && database.ownerUrl) && (await ensureDatabase(database.ownerUrl ?? database.url))) {
    process.stdout.write('created the database\n');
  }
  const applied = await migrateAsOwner(database, 'pta-cli', true);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
  return applied;
}
