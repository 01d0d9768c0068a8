// The pure domain's public face: importable without Nest, TypeORM or BullMQ (e.g. by libs/forms).
export * from './actor.js';
export * from './taxonomy.js';
export * from './target.js';
