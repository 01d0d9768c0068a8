import pg from 'pg';

/** Drops this run's template; like global setup, it imports nothing of the project's. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.PTA_TEST_TEMPLATE;
  if (!template) return;
  const admin = new pg.Client({
    connectionString: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
