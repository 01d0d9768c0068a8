import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@app/audit';
import { DeclarationsModule } from '@app/declarations';
import { AuditController } from './audit.controller.js';
import { DeclarationHistoryController } from './declaration-history.controller.js';

/** The auditor's replay over HTTP: history and diff per declaration, verify and export of the log. */
@Module({
  imports: [CqrsModule, DeclarationsModule, AuditModule],
  controllers: [DeclarationHistoryController, AuditController],
})
export class AuditHttpModule {}
