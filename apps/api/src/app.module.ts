import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, READ_MODELS } from '@app/database';
import { JobsModule, QUEUE } from '@app/jobs';
import { ClockModule, PINO_LOGGER, type Clock } from '@app/platform';
import { ProjectionsModule, ProjectionWakeUpModule } from '@app/projections';
import { CalendarModule } from '@app/calendar';
import { AuditHttpModule } from './audit/audit-http.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ConsoleModule } from './console/console.module.js';
import { DeclarationsHttpModule } from './declarations/declarations-http.module.js';
import { HealthController } from './health/health.controller.js';
import { Readiness } from './health/readiness.js';
import { ErrorFilter } from './http/error.filter.js';
import { ImportsHttpModule } from './imports/imports-http.module.js';
import { RequestLoggingMiddleware } from './http/request-logging.middleware.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NoticesHttpModule } from './notices/notices-http.module.js';
import { ReadModelsHttpModule } from './read-models/read-models-http.module.js';
import { SeasonHttpModule } from './season/season-http.module.js';
import { redisProvider, RedisShutdown } from './redis.provider.js';
import { UsersModule } from './users/users.module.js';

export interface ApiOptions {
  /** The process's clock; tests pass one they move. */
  clock?: Clock;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, logger: Logger, options: ApiOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        DatabaseModule.forRoot('pta-api', (message) => logger.warn(message)),
        MetricsModule,
        CqrsModule.forRoot(),
        JobsModule.forProducer([QUEUE.projections, QUEUE.rebuilds, QUEUE.maintenance]),
        ProjectionWakeUpModule,
        CalendarModule,
        ProjectionsModule.forRoot(READ_MODELS),
        AuthModule,
        UsersModule,
        DeclarationsHttpModule,
        ImportsHttpModule,
        AuditHttpModule,
        ReadModelsHttpModule,
        NoticesHttpModule,
        SeasonHttpModule,
        ConsoleModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: PINO_LOGGER, useValue: logger },
        redisProvider,
        RedisShutdown,
        Readiness,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes('*path');
  }
}
