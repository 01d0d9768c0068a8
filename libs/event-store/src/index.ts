export * from './event-store.js';
export {
  ConcurrencyError,
  ExpectedVersionRequiredError,
  IdempotencyConflictError,
  StreamNotFoundError,
} from './errors.js';
export { CommandHandler, type Handled, type NewStream, type StreamCommand } from './command-handler.js';
export { FoldCache, type FoldedState } from './fold-cache.js';
export { FoldedStreams, type Evolve, type StreamState } from './folded-streams.js';
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
  readStreamUpTo,
  type EventContent,
  type Sql,
} from './log-queries.js';
export { IndexRecordedAt1764248400000 } from './migrations/1764248400000-index-recorded-at.js';
export { AppendMany1764273600000 } from './migrations/1764273600000-append-many.js';
