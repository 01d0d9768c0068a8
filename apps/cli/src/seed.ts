import type { AppConfig } from '@app/config';
import { DEMO_USERS, seedIdentity } from '@app/identity';
import { fail, withDatabase } from './database.js';
import { PostgresEventStore, loadKeyRing } from '@app/event-store';

/** `npm run cli -- seed`: the organisations and one demo user per role; safe to repeat. */
export async function seed(config: AppConfig): Promise<void> {
  // Checked before connecting too, so a refused seed does not even migrate a production database.
  if (config.env === 'production')
    return fail('the seed adds demo users with published passwords: refused in production');
  await withDatabase(config, async (db) => {
    const report = await seedIdentity(db, config.env, new PostgresEventStore(db, loadKeyRing(config)));
    for (const what of report.created) process.stdout.write(`created  ${what}\n`);
    for (const what of report.existing) process.stdout.write(`exists   ${what}\n`);
    const logins = DEMO_USERS.map((u) => `  ${u.username.padEnd(14)} ${u.password.padEnd(20)} ${u.role}`);
    process.stdout.write(`\ndemo users (local use only):\n${logins.join('\n')}\n`);
  });
}
