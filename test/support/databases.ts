import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource, createRole, grantServiceRole, runMigrations } from '@app/database';

/**
 * Test databases live beside the dev database on the local server, or on the second cluster: each
 * Jest worker has a server of its own (config/jest/servers.js), since one file's open transaction
 * holds back the log readers of every database on its server. Outside Jest (the bench) the first.
 */
const servers = (
  process.env.PTA_TEST_SERVERS ??
  process.env.TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres'
).split(',');
export const POSTGRES_ADMIN_URL = servers[(Number(process.env.JEST_WORKER_ID ?? '1') - 1) % servers.length]!;

/** Names carry their creation time, so a later run can sweep what a crashed run left behind. */
export function newDatabaseName(kind: 'tpl' | 'db'): string {
  return `pta_test_${kind}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

/** Each run builds its own template (global setup), so two runs on one machine never collide. */
export function templateDatabase(): string {
  const name = process.env.PTA_TEST_TEMPLATE;
  if (!name) throw new Error('PTA_TEST_TEMPLATE is not set: run the suite through its Jest config');
  return name;
}

export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The service role of the test databases (one per server): granted in its template, so
 * every clone has its rights (libs/database/src/roles.ts). Spawned api and worker processes connect
 * as it (processes.ts); in-process apps and the tests' own queries stay the superuser, to tamper.
 */
export const TEST_SERVICE_ROLE = 'pta_test_service';

/** The same database, as the service role. */
export function serviceUrl(url: string): string {
  const service = new URL(url);
  service.username = TEST_SERVICE_ROLE;
  service.password = '';
  return service.toString();
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, already-migrated database cloned from this run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = newDatabaseName('db');
  await ensureTemplate();
  await withAdmin(async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
        return;
      } catch (error) {
        // Two workers cloning the template at the same instant can trip over each other.
        if (attempt >= 10 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

const TEMPLATE_LOCK_KEY = 7_351_904_222;

/** The first test file of a run migrates the template; the others wait on the lock, then clone. */
async function ensureTemplate(): Promise<void> {
  const template = templateDatabase();
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (rowCount) return;
      await admin.query(`CREATE DATABASE ${template}`);
      await createRole(admin, TEST_SERVICE_ROLE);
      const dataSource = createDataSource({ url: databaseUrl(template), poolSize: 1 });
      await dataSource.initialize();
      try {
        await runMigrations(dataSource, (db) => grantServiceRole(db, TEST_SERVICE_ROLE));
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
}
