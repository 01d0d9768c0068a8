import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationsModule } from '@app/declarations';
import { IdentityModule } from '@app/identity';
import { DeclarationsController } from './declarations.controller.js';
import { UnitResolver } from './unit-resolver.js';

@Module({
  imports: [CqrsModule, DeclarationsModule, IdentityModule],
  controllers: [DeclarationsController],
  providers: [UnitResolver],
})
export class DeclarationsHttpModule {}
