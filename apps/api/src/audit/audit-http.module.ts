import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { EventStoreModule } from '@app/event-store';
import { AuditController } from './audit.controller.js';
import { AuditMetrics } from './audit-metrics.js';

/** The auditor's trail over HTTP: verify and export of the log, keys, signed checkpoints and their proofs. A declaration's history and diff are under declarations/. */
@Module({
  imports: [AuditModule, EventStoreModule],
  controllers: [AuditController],
  providers: [AuditMetrics],
})
export class AuditHttpModule {}
