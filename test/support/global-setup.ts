import { randomBytes } from 'node:crypto';
import pg from 'pg';

const STALE_AFTER_SECONDS = 3 * 3600;

/**
 * Names this run's template database (the first test file to need it builds it, see
 * databases.ts) and sweeps what crashed runs left behind. Test workers start after this
 * runs, so they inherit PTA_TEST_TEMPLATE. Jest loads this file outside its module mapping,
 * so it imports nothing of the project's.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new pg.Client({
    connectionString: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^pta_test_(tpl|db)_[0-9]+_'`,
    );
    const now = Date.now() / 1000;
    for (const { datname } of rows) {
      const createdAt = Number(datname.split('_')[3]);
      if (now - createdAt > STALE_AFTER_SECONDS) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  process.env.PTA_TEST_TEMPLATE = `pta_test_tpl_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}
