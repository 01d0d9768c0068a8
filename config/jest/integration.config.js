import { jestProject } from './base.js';

/** Real PostgreSQL and Redis; every test file gets a database of its own. */
export default jestProject('integration', ['<rootDir>/test/integration/**/*.int-spec.ts'], {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
});
