// @ts-check
// The lib graph, bottom to top. A lib imports only libs of the layers below its own: never one
// above it, never a sibling of its own layer (siblings do not know each other), never an app.
// Apps import any lib; test/ imports anything. `import-x/no-cycle` catches what layering cannot
// see: a cycle between the files of one lib (a type-only import does not count, it vanishes at
// compile time).
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';

const root = new URL('..', import.meta.url).pathname;

export const LIB_LAYERS = [
  ['config', 'platform'], // settings and plumbing: clock, ids, errors, logging
  ['event-store', 'jobs'], // the log, the queues
  // Read models kept from the log; who is who (roles included: a change of a user's access is an
  // event on the log).
  ['projections', 'identity'],
  // The budget calendar: the files, and the budget office's settings (who set them, by name).
  ['calendar'],
  // Siblings: a declaration's life and the notices sent to people know nothing of each other;
  // deadlines (above) sends notices about declarations, audit merges them into a history.
  ['declarations', 'notices'],
  ['deadlines', 'forms'], // deadline jobs and digests; the 申报表 reader and writer
  ['imports', 'audit'], // forms into declarations; the auditor's trail and replay
  ['database'], // wiring: the migrations of every lib in one order, the read models that run
];

/** Where a lib lives; `config` is a lib too, kept at the root. */
const dir = (/** @type {string} */ lib) => (lib === 'config' ? './config' : `./libs/${lib}`);

const zones = LIB_LAYERS.flatMap((layer, level) =>
  layer.map((lib) => {
    const notBelow = LIB_LAYERS.slice(level)
      .flat()
      .filter((other) => other !== lib);
    const below = LIB_LAYERS.slice(0, level).flat();
    return {
      target: dir(lib),
      from: [...notBelow.map(dir), './apps'],
      message: `${lib} may import only the libs below its layer: ${below.join(', ') || 'none'} (config/lib-boundaries.js).`,
    };
  }),
);

/** The flat-config blocks that enforce the layering and forbid import cycles. */
export const libBoundaries = [
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'config/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Dependencies are read as TypeScript (no type information needed to see their imports).
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}tsconfig.json` })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
];
