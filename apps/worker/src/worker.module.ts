import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { AuditModule, CheckpointPublicationModule } from '@app/audit';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, READ_MODELS } from '@app/database';
import { DeclarationReadModelsModule, DeclarationsModule } from '@app/declarations';
import { EventStoreModule } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { ImportsModule } from '@app/imports';
import { JobsModule } from '@app/jobs';
import { NoticeDeliveries, NoticeDeliveryModule } from '@app/notices';
import { ClockModule, PINO_LOGGER, type Clock } from '@app/platform';
import { LOG_CONSUMERS, ProjectionsModule, ProjectionWakeUpModule } from '@app/projections';
import { DeadlineSchedules, DeadlinesModule, WorkflowNotices } from '@app/deadlines';
import { DeadlinesProcessor } from './deadlines/deadlines.processor.js';
import { DeadlinesRecovery } from './deadlines/deadlines-recovery.js';
import { DeliveriesProcessor } from './deadlines/deliveries.processor.js';
import { ImportsProcessor } from './imports/imports.processor.js';
import { MaintenanceProcessor } from './maintenance/maintenance.processor.js';
import { ProjectionsProcessor } from './read-models/projections.processor.js';
import { RebuildsProcessor } from './read-models/rebuilds.processor.js';
import { SchedulesRegistrar } from './schedules.js';

export interface WorkerOptions {
  /** The process's clock; tests pass one they move. */
  clock?: Clock;
}

/** The worker: BullMQ processors and schedules, no HTTP port. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger, options: WorkerOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        DatabaseModule.forRoot('pta-worker', (message) => logger.warn(message)),
        EventStoreModule,
        JobsModule.forRoot(),
        ProjectionWakeUpModule,
        ProjectionsModule.forRoot(READ_MODELS),
        CqrsModule.forRoot(),
        DeclarationsModule,
        IdentityModule,
        ImportsModule,
        DeclarationReadModelsModule,
        DeadlinesModule,
        NoticeDeliveryModule,
        AuditModule,
        CheckpointPublicationModule,
      ],
      providers: [
        { provide: PINO_LOGGER, useValue: logger },
        {
          provide: LOG_CONSUMERS,
          // Workflow notices before deliveries: one catch-up sends what it appended.
          inject: [DeadlineSchedules, WorkflowNotices, NoticeDeliveries],
          useFactory: (schedules: DeadlineSchedules, workflow: WorkflowNotices, deliveries: NoticeDeliveries) => [
            schedules,
            workflow,
            deliveries,
          ],
        },
        MaintenanceProcessor,
        ImportsProcessor,
        ProjectionsProcessor,
        RebuildsProcessor,
        DeadlinesProcessor,
        DeliveriesProcessor,
        DeadlinesRecovery,
        SchedulesRegistrar,
      ],
    };
  }
}
