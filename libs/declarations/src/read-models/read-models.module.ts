import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { NoticesModule, NoticesProjection } from '@app/notices';
import { PROJECTIONS, ReadModelStatus } from '@app/projections';
import { DeclarationsProjection } from '../projections/declarations-projection.js';
import { GetInboxHandler } from './inbox.js';
import { ListIndicatorsHandler } from './indicator-table.js';
import { ListDeclarationsHandler } from './list-declarations.js';
import { GetStatisticsHandler } from './statistics.js';

/** The read side kept by the worker: its projections, the queries over them, and their status. */
@Module({
  imports: [CqrsModule, NoticesModule],
  providers: [
    DeclarationsProjection,
    {
      provide: PROJECTIONS,
      inject: [DeclarationsProjection, NoticesProjection],
      // Read models only: log consumers that act (schedule, deliver) are never rebuilt (LOG_CONSUMERS).
      useFactory: (declarations: DeclarationsProjection, notices: NoticesProjection) => [declarations, notices],
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
