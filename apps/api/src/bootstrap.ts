import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';
import { NestPinoLogger } from '@app/platform';
import { AppModule, type ApiOptions } from './app.module.js';
import { answerClientErrors } from './http/client-errors.js';
import { openApiDocument } from './openapi/document.js';

/** Builds the configured HTTP application; main.ts listens, tests use it through supertest. */
export async function createApi(
  config: AppConfig,
  logger: Logger,
  options: ApiOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger, options), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.disable('x-powered-by');
  answerClientErrors(app.getHttpServer());
  app.enableShutdownHooks();
  // People open the service's address: the console is where they belong.
  const http = app.getHttpAdapter();
  http.get('/', (_request: unknown, response: unknown) => {
    http.redirect(response, 302, '/console/');
  });
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
