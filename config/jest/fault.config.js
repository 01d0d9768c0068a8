import { jestProject } from './base.js';

/**
 * Faults: throwaway Redis and PostgreSQL servers on their own ports, and the built api and
 * worker as real processes, killed and restarted by the tests. One file at a time: they are
 * heavy and timing-sensitive.
 */
export default jestProject('fault', ['<rootDir>/test/fault/**/*.fault-spec.ts'], {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 180_000,
  maxWorkers: 1,
});
