import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { AuditTrail } from './audit-trail.js';

/** Verification and export of the trail; needs a DataSource in scope (DatabaseModule is global). */
@Module({
  imports: [EventStoreModule],
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
