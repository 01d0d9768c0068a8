import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, EventStoreModule } from '@app/event-store';
import { Authentication } from './authentication.js';
import { Names } from './names.js';
import { Organisations } from './organisations.js';
import { Users } from './users.js';

/** Provides the identity services; needs a DataSource in scope (DatabaseModule is global), and the log. */
@Module({
  imports: [EventStoreModule],
  providers: [
    { provide: Organisations, inject: [DataSource], useFactory: (db: DataSource) => new Organisations(db) },
    {
      provide: Users,
      inject: [DataSource, Organisations, EventStore],
      useFactory: (db: DataSource, organisations: Organisations, events: EventStore) =>
        new Users(db, organisations, events),
    },
    { provide: Authentication, inject: [DataSource], useFactory: (db: DataSource) => new Authentication(db) },
    { provide: Names, inject: [DataSource], useFactory: (db: DataSource) => Names.for(db) },
  ],
  exports: [Organisations, Users, Authentication, Names],
})
export class IdentityModule {}
