import { jestProject } from './base.js';

/** The assembled app over HTTP, against real PostgreSQL and Redis. */
export default jestProject('e2e', ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // One file at a time: a transaction open in another test's database holds back every log reader
  // on the server (pg_snapshot_xmin is cluster-wide), so two at once make lag tests flaky.
  maxWorkers: 1,
});
