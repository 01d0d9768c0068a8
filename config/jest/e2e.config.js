import { jestProject } from './base.js';

/** The assembled app over HTTP, against real PostgreSQL and Redis. */
export default jestProject('e2e', ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Two files at a time: each waits mostly on PostgreSQL, Redis and timers, so two share the two
  // cores well (the tier takes about half as long as one at a time).
  maxWorkers: 2,
});
