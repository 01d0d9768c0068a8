import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationsModule } from '@app/declarations';
import { EventStoreModule } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { NoticesModule } from '@app/notices';
import { AuditTrail } from './audit-trail.js';
import { GetDeclarationHistoryHandler } from './declaration-history.js';

/**
 * Verification and export of the trail, and a declaration's history with its notices; needs a
 * DataSource in scope (DatabaseModule is global).
 */
@Module({
  imports: [CqrsModule, EventStoreModule, DeclarationsModule, IdentityModule, NoticesModule],
  providers: [AuditTrail, GetDeclarationHistoryHandler],
  exports: [AuditTrail],
})
export class AuditModule {}
