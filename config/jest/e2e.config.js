import { jestProject } from './base.js';
import { testServers } from './servers.js';

/**
 * The assembled app over HTTP, against real PostgreSQL and Redis. One file at a time per
 * PostgreSQL server: a transaction open in another test's database holds back every log reader on
 * its server (pg_snapshot_xmin is cluster-wide), so two at once on one make lag tests flaky.
 */
export default async () =>
  jestProject('e2e', ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], {
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    testTimeout: 60_000,
    maxWorkers: (await testServers()).length,
  });
