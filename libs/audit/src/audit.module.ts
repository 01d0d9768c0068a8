import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationsModule } from '@app/declarations';
import { EventStoreModule } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { NoticesModule } from '@app/notices';
import { AuditTrail } from './audit-trail.js';
import { Checkpoints } from './checkpoints.js';
import { GetDeclarationHistoryHandler } from './declaration-history.js';
import { GetReceiptHandler } from './receipts.js';

/**
 * Verification and export of the trail, signed checkpoints and receipts, and a declaration's
 * history with its notices; needs a
 * DataSource in scope (DatabaseModule is global).
 */
@Module({
  imports: [CqrsModule, EventStoreModule, DeclarationsModule, IdentityModule, NoticesModule],
  providers: [AuditTrail, Checkpoints, GetDeclarationHistoryHandler, GetReceiptHandler],
  exports: [AuditTrail, Checkpoints],
})
export class AuditModule {}
