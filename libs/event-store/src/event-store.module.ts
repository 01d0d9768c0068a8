import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from './event-store.js';
import { PostgresEventStore } from './postgres-event-store.js';

/** Provides the PostgreSQL event store as `EventStore`; needs a DataSource in scope. */
@Module({
  providers: [
    { provide: EventStore, inject: [DataSource], useFactory: (db: DataSource) => new PostgresEventStore(db) },
  ],
  exports: [EventStore],
})
export class EventStoreModule {}
