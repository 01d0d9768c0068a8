import { jestProject } from './base.js';
import { testServers } from './servers.js';

/**
 * Faults: throwaway Redis and PostgreSQL servers on their own ports, and the built api and
 * worker as real processes, killed and restarted by the tests. One file at a time: they are
 * heavy and timing-sensitive (on the first server; global setup sweeps every one of them).
 */
export default async () => {
  await testServers();
  return jestProject('fault', ['<rootDir>/test/fault/**/*.fault-spec.ts'], {
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    testTimeout: 180_000,
    maxWorkers: 1,
  });
};
