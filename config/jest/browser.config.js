import { jestProject } from './base.js';

/**
 * The console in a real browser: Debian's Chromium driven by playwright-core, against the built
 * api and worker (child processes) on a database of their own. One file at a time.
 */
export default jestProject('browser', ['<rootDir>/test/browser/**/*.browser-spec.ts'], {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 240_000,
  maxWorkers: 1,
});
