import { jestProject } from './base.js';

/** Pure code: no database, no Redis, no network. */
export default jestProject('unit', ['<rootDir>/{apps,libs,config}/**/*.spec.ts']);
