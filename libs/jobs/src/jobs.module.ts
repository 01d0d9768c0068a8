import { BullModule, getQueueToken } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { QUEUE, queueJobOptions, type QueueName } from './catalog.js';
import { bullConnection } from './redis-options.js';

const REGISTERED = Symbol('REGISTERED_QUEUES');
const logger = new Logger('Queues');
let lastWarned = 0;

/**
 * A queue whose Redis is away emits 'error' on every reconnect attempt; unheard, BullMQ prints
 * each one. /health/ready reports Redis; a warning a minute is enough here.
 */
function quietErrors(queue: Queue): Queue {
  queue.on('error', (error: Error) => {
    if (Date.now() - lastWarned < 60_000) return;
    lastWarned = Date.now();
    logger.warn(`queue ${queue.name}: ${error.message}`);
  });
  return queue;
}

/** The API's queues: made here so the error listener is on before the first connection attempt. */
function producerQueue(name: QueueName): Provider {
  return {
    provide: getQueueToken(name),
    inject: [AppConfig],
    useFactory: (config: AppConfig) =>
      quietErrors(
        new Queue(name, {
          // Fails fast instead of queueing commands offline: with Redis away, an add rejects at once.
          connection: { ...bullConnection(config.redis.url), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
          prefix: config.redis.queuePrefix,
          defaultJobOptions: queueJobOptions(name),
        }),
      ),
  };
}

@Injectable()
class ProducerQueues implements OnApplicationShutdown {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(REGISTERED) private readonly names: readonly QueueName[],
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const queues = this.names.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    await Promise.all(queues.map((queue) => queue.close().catch(() => queue.disconnect())));
  }
}

/**
 * BullMQ wired to the configured Redis; global, so any module may `@InjectQueue(QUEUE.x)`.
 * Import it once, in the process's root module. The worker registers every queue of the catalog
 * (its processors need them); a `producer` (the API) only the queues it adds jobs to.
 */
@Module({})
export class JobsModule {
  static forRoot(): DynamicModule {
    const names = Object.values(QUEUE);
    return {
      module: JobsModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: bullConnection(config.redis.url),
            prefix: config.redis.queuePrefix,
          }),
        }),
        BullModule.registerQueue(...names.map((name) => ({ name, defaultJobOptions: queueJobOptions(name) }))),
      ],
      exports: [BullModule],
    };
  }

  static forProducer(names: readonly QueueName[]): DynamicModule {
    const queues = names.map(producerQueue);
    return {
      module: JobsModule,
      global: true,
      providers: [...queues, { provide: REGISTERED, useValue: names }, ProducerQueues],
      exports: queues.map((q) => (q as { provide: string }).provide),
    };
  }
}
