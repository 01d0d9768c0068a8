// The pure domain's public face: importable without Nest, TypeORM or BullMQ (e.g. by libs/forms).
export * from './capabilities.js';
export * from './checks.js';
export * from './commands.js';
export * from './declaration.js';
export * from './decide.js';
export * from './events.js';
export * from './evolve.js';
export * from './finding-view.js';
export * from './limits.js';
export * from './machine.js';
export * from './workflow.js';
export * from './money.js';
export * from './rules.js';
export * from './stream-id.js';
export * from './target.js';
export * from './taxonomy.js';
