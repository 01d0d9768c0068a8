import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeadlinesModule } from '@app/deadlines';
import { DeclarationsModule } from '@app/declarations';
import { EventStoreModule } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { NoticeDeliveryModule, NoticesModule } from '@app/notices';
import { AuditTrail } from './audit-trail.js';
import { Checkpoints } from './checkpoints.js';
import { GetDeclarationHistoryHandler } from './declaration-history.js';
import { CheckpointPublication } from './publication/checkpoint-publication.js';
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

/**
 * Sending checkpoints to the auditors and alerting the admins: the worker's part (needs the
 * maintenance queue and the notices' channels).
 */
@Module({
  imports: [EventStoreModule, DeadlinesModule, NoticesModule, NoticeDeliveryModule],
  providers: [CheckpointPublication],
  exports: [CheckpointPublication],
})
export class CheckpointPublicationModule {}
