import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DeclarationsModule, ReadModelsModule } from '@app/declarations';
import { EventStoreModule } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { ImportsModule } from '@app/imports';
import { JobsModule } from '@app/jobs';
import { PINO_LOGGER } from '@app/platform';
import { ProjectionWakeUpModule } from '@app/projections';
import { ImportsProcessor } from './imports/imports.processor.js';
import { MaintenanceProcessor } from './maintenance/maintenance.processor.js';
import { ProjectionsProcessor } from './read-models/projections.processor.js';
import { RebuildsProcessor } from './read-models/rebuilds.processor.js';
import { SchedulesRegistrar } from './schedules.js';

/** The worker: BullMQ processors and schedules, no HTTP port. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('pta-worker'),
        EventStoreModule,
        JobsModule.forRoot(),
        ProjectionWakeUpModule,
        CqrsModule.forRoot(),
        DeclarationsModule,
        IdentityModule,
        ImportsModule,
        ReadModelsModule,
      ],
      providers: [
        { provide: PINO_LOGGER, useValue: logger },
        MaintenanceProcessor,
        ImportsProcessor,
        ProjectionsProcessor,
        RebuildsProcessor,
        SchedulesRegistrar,
      ],
    };
  }
}
