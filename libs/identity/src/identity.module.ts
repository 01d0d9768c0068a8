import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Authentication } from './authentication.js';
import { Organisations } from './organisations.js';
import { Users } from './users.js';

/** Provides the identity services; needs a DataSource in scope (DatabaseModule is global). */
@Module({
  providers: [
    { provide: Organisations, inject: [DataSource], useFactory: (db: DataSource) => new Organisations(db) },
    {
      provide: Users,
      inject: [DataSource, Organisations],
      useFactory: (db: DataSource, organisations: Organisations) => new Users(db, organisations),
    },
    { provide: Authentication, inject: [DataSource], useFactory: (db: DataSource) => new Authentication(db) },
  ],
  exports: [Organisations, Users, Authentication],
})
export class IdentityModule {}
