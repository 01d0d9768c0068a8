import { jestProject } from './base.js';
import { testServers } from './servers.js';

/**
 * The console in a real browser: Debian's Chromium driven by playwright-core, against the built
 * api and worker (child processes) on a database of their own. One file at a time (on the first
 * PostgreSQL server; global setup sweeps every one of them).
 */
export default async () => {
  await testServers();
  return jestProject('browser', ['<rootDir>/test/browser/**/*.browser-spec.ts'], {
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    testTimeout: 240_000,
    maxWorkers: 1,
  });
};
