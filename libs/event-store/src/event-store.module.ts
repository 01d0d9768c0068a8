import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { EventStore } from './event-store.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { KeyRing } from './proofs/key-ring.js';
import { loadKeyRing } from './proofs/load-keys.js';
import { LogTree } from './proofs/log-tree.js';

/**
 * Provides the PostgreSQL event store as `EventStore`, the service's signing keys (`KeyRing`) and
 * the log's Merkle tree (`LogTree`); needs a DataSource and the AppConfig in scope.
 */
@Module({
  providers: [
    { provide: KeyRing, inject: [AppConfig], useFactory: (config: AppConfig) => loadKeyRing(config) },
    {
      provide: EventStore,
      inject: [DataSource, KeyRing],
      useFactory: (db: DataSource, keys: KeyRing) => new PostgresEventStore(db, keys),
    },
    {
      provide: LogTree,
      inject: [DataSource, KeyRing],
      useFactory: (db: DataSource, keys: KeyRing) => new LogTree(db, keys),
    },
  ],
  exports: [EventStore, KeyRing, LogTree],
})
export class EventStoreModule {}
