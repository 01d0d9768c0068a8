export * from './catalog.js';
export { JobsModule } from './jobs.module.js';
export { bullConnection } from './redis-options.js';
export { addOnce, within } from './within.js';
