import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DEFAULT_JOB_OPTIONS, QUEUE } from './catalog.js';
import { bullConnection } from './redis-options.js';

/** BullMQ wired to the configured Redis, with every queue of the catalog registered. */
@Module({})
export class JobsModule {
  static forRoot(): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: bullConnection(config.redis.url),
            prefix: config.redis.queuePrefix,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...Object.values(QUEUE).map((name) => ({ name }))),
      ],
      exports: [BullModule],
    };
  }
}
