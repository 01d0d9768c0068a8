import pg from 'pg';

/** The servers the Jest config chose (config/jest/servers.js). */
const servers = (): string[] =>
  (process.env.PTA_TEST_SERVERS ?? 'postgres://postgres@127.0.0.1:5432/postgres').split(',');

/** Drops this run's template on every server; like global setup, it imports nothing of the project's. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.PTA_TEST_TEMPLATE;
  if (!template) return;
  for (const url of servers()) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
