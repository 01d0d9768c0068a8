import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

interface Build {
  args: string[];
  /** What it reads (folders walked, skipping `except`) and what it writes. */
  inputs: string[];
  except?: RegExp;
  outputs: string[];
}

/** The api, worker and CLI, as `nest build` makes them. */
const NEST: Build = {
  args: ['node_modules/@nestjs/cli/bin/nest.js', 'build'],
  inputs: ['apps', 'libs', 'config', 'tsconfig.json', 'nest-cli.json', 'package-lock.json'],
  except: /^apps\/web\//,
  outputs: ['api', 'worker', 'cli'].map((app) => `dist/apps/${app}/src/main.js`),
};
/** The console (dist/web), as `vite build` makes it. */
const CONSOLE: Build = {
  args: ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/web/vite.config.ts'],
  inputs: ['apps/web', 'package-lock.json'],
  except: /^apps\/web\/screenshots\//,
  outputs: ['dist/web/index.html'],
};

/**
 * What a tier runs built, before its first file: the api, worker and CLI that fault and browser
 * tests start as processes, and the console the browser tests open. Built as `npm run build` does,
 * unless every output is newer than every input (as `npm test` leaves them after its OpenAPI
 * check), so a test never runs a build older than the code.
 */
const BUILDS: Record<string, Build[]> = { fault: [NEST], browser: [NEST, CONSOLE] };

function mtime(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Number.NaN;
}

function newestInput(root: string, { inputs, except }: Build): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (except?.test(path)) return;
    const stats = statSync(join(root, path));
    if (stats.isDirectory()) for (const name of readdirSync(join(root, path))) visit(`${path}/${name}`);
    else newest = Math.max(newest, stats.mtimeMs);
  };
  inputs.forEach(visit);
  return newest;
}

async function build({ displayName, rootDir }: Project): Promise<void> {
  const stale = (BUILDS[displayName?.name ?? ''] ?? []).filter(
    // NaN (an output missing) compares false: built.
    (b) => !(Math.min(...b.outputs.map((output) => mtime(join(rootDir, output)))) > newestInput(rootDir, b)),
  );
  const run = promisify(execFile);
  await Promise.all(stale.map((b) => run(process.execPath, b.args, { cwd: rootDir })));
}

interface Project {
  displayName?: { name: string };
  rootDir: string;
}

/**
 * Names this run's template database (the first test file on each server to need it builds it
 * there, see databases.ts) and sweeps what crashed runs left behind on every server. Test workers
 * start after this runs, so they inherit PTA_TEST_TEMPLATE. Meanwhile it builds what the tier
 * starts (BUILDS). Jest loads this file outside its module mapping, so it imports nothing of the
 * project's.
 */
export default async function globalSetup(_: unknown, project: Project): Promise<void> {
  await Promise.all([...servers().map(sweep), build(project)]);
  process.env.PTA_TEST_TEMPLATE = `pta_test_tpl_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}
