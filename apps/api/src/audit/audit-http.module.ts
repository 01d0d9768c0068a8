import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuditController } from './audit.controller.js';

/** The auditor's trail over HTTP: verify and export of the log. A declaration's history and diff are under declarations/. */
@Module({
  imports: [AuditModule],
  controllers: [AuditController],
})
export class AuditHttpModule {}
