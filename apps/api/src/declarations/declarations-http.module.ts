import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@app/audit';
import { DeclarationsModule } from '@app/declarations';
import { IdentityModule } from '@app/identity';
import { DeclarationChanges } from './declaration-http.js';
import { DeclarationHistoryController } from './declaration-history.controller.js';
import { DeclarationsController } from './declarations.controller.js';
import { FormExportController } from './form-export.controller.js';
import { IndicatorsController } from './indicators.controller.js';
import { UnitDeclarations } from './unit-declarations.js';
import { UnitResolver } from './unit-resolver.js';

/** Every /declarations route: the form and its workflow, its indicators, its history, its xlsx. */
@Module({
  imports: [CqrsModule, DeclarationsModule, IdentityModule, AuditModule],
  controllers: [
    // Routes match in this order. The form export first: GET /declarations/form.xlsx is not an :id.
    FormExportController,
    DeclarationHistoryController,
    // Indicators before the declarations: `POST /declarations/:id/indicators` must not be taken for an action.
    IndicatorsController,
    DeclarationsController,
  ],
  providers: [UnitResolver, DeclarationChanges, UnitDeclarations],
})
export class DeclarationsHttpModule {}
