// Shared Jest settings: native ESM (Nest 12 is ESM-only), TypeScript through SWC.
// SWC does not type-check: `npm test` runs `tsc --noEmit` first.
const rootDir = new URL('../..', import.meta.url).pathname;

export function jestProject(displayName, testMatch, extra = {}) {
  return {
    displayName,
    rootDir,
    testMatch,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
          },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    moduleNameMapper: {
      '^@app/config$': '<rootDir>/config/index.ts',
      '^@app/platform/errors$': '<rootDir>/libs/platform/src/errors.ts',
      '^@app/platform/text$': '<rootDir>/libs/platform/src/text.ts',
      '^@app/platform/messages$': '<rootDir>/libs/platform/src/messages.ts',
      '^@app/identity/roles$': '<rootDir>/libs/identity/src/roles.ts',
      '^@app/([a-z-]+)/domain$': '<rootDir>/libs/$1/src/domain/index.ts',
      '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    ...extra,
  };
}
