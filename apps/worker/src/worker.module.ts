import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { EventStoreModule } from '@app/event-store';
import { JobsModule } from '@app/jobs';
import { PINO_LOGGER } from '@app/platform';
import { MaintenanceProcessor } from './maintenance/maintenance.processor.js';
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
      ],
      providers: [{ provide: PINO_LOGGER, useValue: logger }, MaintenanceProcessor, SchedulesRegistrar],
    };
  }
}
