import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';
import { NestPinoLogger } from '@app/platform';
import { AppModule, type ApiOptions } from './app.module.js';
import { answerClientErrors } from './http/client-errors.js';

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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Performance-target approval service')
      .setDescription('财政项目支出绩效目标申报表: declarations, the approval workflow, and the audit trail')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
