import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationsModule } from '@app/declarations';
import { IdentityModule } from '@app/identity';
import { DeclarationChanges } from './declaration-http.js';
import { DeclarationsController } from './declarations.controller.js';
import { IndicatorsController } from './indicators.controller.js';
import { UnitResolver } from './unit-resolver.js';

@Module({
  imports: [CqrsModule, DeclarationsModule, IdentityModule],
  // Indicators first: `POST /declarations/:id/indicators` must not be taken for an action.
  controllers: [IndicatorsController, DeclarationsController],
  providers: [UnitResolver, DeclarationChanges],
})
export class DeclarationsHttpModule {}
