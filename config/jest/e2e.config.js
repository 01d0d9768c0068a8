import { jestProject } from './base.js';

/** The assembled app over HTTP, against real PostgreSQL and Redis. */
export default jestProject('e2e', ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
});
