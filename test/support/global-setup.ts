import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The servers the Jest config chose (config/jest/servers.js). */
const servers = (): string[] =>
  (process.env.PTA_TEST_SERVERS ?? 'postgres://postgres@127.0.0.1:5432/postgres').split(',');

const STALE_AFTER_SECONDS = 3 * 3600;

/** Drops what crashed runs left on one server (names carry their creation time). */
async function sweep(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
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
}

/**
 * Names this run's template database (the first test file on each server to need it builds it
 * there, see databases.ts) and sweeps what crashed runs left behind on every server. Test workers
 * start after this runs, so they inherit PTA_TEST_TEMPLATE. Jest loads this file outside its
 * module mapping, so it imports nothing of the project's.
 */
export default async function globalSetup(): Promise<void> {
  await Promise.all(servers().map(sweep));
  process.env.PTA_TEST_TEMPLATE = `pta_test_tpl_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}
