import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationsModule } from '@app/declarations';
import { IdentityModule } from '@app/identity';
import { FormExportController } from './form-export.controller.js';
import { UnitDeclarations } from './unit-declarations.js';

@Module({
  imports: [CqrsModule, DeclarationsModule, IdentityModule],
  controllers: [FormExportController],
  providers: [UnitDeclarations],
})
export class FormExportModule {}
