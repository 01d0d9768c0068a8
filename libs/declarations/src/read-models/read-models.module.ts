import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PROJECTIONS, ReadModelStatus } from '@app/projections';
import { DeclarationsProjection } from '../projections/declarations-projection.js';
import { GetInboxHandler } from './inbox.js';
import { ListIndicatorsHandler } from './indicator-table.js';
import { ListDeclarationsHandler } from './list-declarations.js';
import { GetStatisticsHandler } from './statistics.js';

/** The read side kept by the worker: its projection, the queries over it, and its status. */
@Module({
  imports: [CqrsModule],
  providers: [
    DeclarationsProjection,
    {
      provide: PROJECTIONS,
      inject: [DeclarationsProjection],
      useFactory: (declarations: DeclarationsProjection) => [declarations],
    },
    ReadModelStatus,
    ListDeclarationsHandler,
    GetInboxHandler,
    GetStatisticsHandler,
    ListIndicatorsHandler,
  ],
  exports: [PROJECTIONS, ReadModelStatus, DeclarationsProjection],
})
export class ReadModelsModule {}
