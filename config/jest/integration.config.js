import { jestProject } from './base.js';
import { testServers } from './servers.js';

/**
 * Real PostgreSQL and Redis; every test file gets a database of its own. One file at a time per
 * PostgreSQL server, as e2e (servers.js).
 */
export default async () =>
  jestProject('integration', ['<rootDir>/test/integration/**/*.int-spec.ts'], {
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    testTimeout: 60_000,
    maxWorkers: (await testServers()).length,
  });
