export * from './event-store.js';
export { ConcurrencyError, IdempotencyConflictError } from './errors.js';
export { InMemoryEventStore } from './in-memory-event-store.js';
export { PostgresEventStore } from './postgres-event-store.js';
export { CreateEventStore1764064800000 } from './migrations/1764064800000-create-event-store.js';
export { EventStoreModule } from './event-store.module.js';
export {
  readableHead,
  readByStream,
  readContentByStream,
  readLog,
  readStreamsUpTo,
  type EventContent,
  type Sql,
} from './log-queries.js';
export { IndexRecordedAt1764248400000 } from './migrations/1764248400000-index-recorded-at.js';
export { AppendMany1764273600000 } from './migrations/1764273600000-append-many.js';
