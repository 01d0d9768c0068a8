import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { PINO_LOGGER } from '@app/platform';
import { AuthModule } from './auth/auth.module.js';
import { DeclarationsHttpModule } from './declarations/declarations-http.module.js';
import { HealthController } from './health/health.controller.js';
import { Readiness } from './health/readiness.js';
import { ErrorFilter } from './http/error.filter.js';
import { RequestLoggingMiddleware } from './http/request-logging.middleware.js';
import { HttpMetrics } from './metrics/http-metrics.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { redisProvider, RedisShutdown } from './redis.provider.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('pta-api'),
        CqrsModule.forRoot(),
        AuthModule,
        UsersModule,
        DeclarationsHttpModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: PINO_LOGGER, useValue: logger },
        redisProvider,
        RedisShutdown,
        HttpMetrics,
        Readiness,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes('*path');
  }
}
