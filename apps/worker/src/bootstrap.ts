import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';
import { NestPinoLogger } from '@app/platform';
import { WorkerModule, type WorkerOptions } from './worker.module.js';

/** Builds the worker; closing it lets each BullMQ worker finish its current job first. */
export async function createWorker(
  config: AppConfig,
  logger: Logger,
  options: WorkerOptions = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger, options), {
    logger: new NestPinoLogger(logger),
  });
  app.enableShutdownHooks();
  return app;
}
