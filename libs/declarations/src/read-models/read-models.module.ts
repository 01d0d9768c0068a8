import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdentityModule } from '@app/identity';
import { GetInboxHandler } from './inbox.js';
import { ListIndicatorsHandler } from './indicator-table.js';
import { ListDeclarationsHandler } from './list-declarations.js';
import { GetStatisticsHandler } from './statistics.js';

/**
 * The queries over the declarations' read models. Which projections run (and so ReadModelStatus)
 * is wired by the app (ProjectionsModule.forRoot).
 */
@Module({
  imports: [CqrsModule, IdentityModule],
  providers: [ListDeclarationsHandler, GetInboxHandler, GetStatisticsHandler, ListIndicatorsHandler],
})
export class DeclarationReadModelsModule {}
