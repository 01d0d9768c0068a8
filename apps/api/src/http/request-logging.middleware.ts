import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { PINO_LOGGER, requestContext } from '@app/platform';
import { HttpMetrics } from '../metrics/http-metrics.js';

const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives every request a correlation id (the caller's, if it sent a sane one), runs the rest of
 * the request inside that context so every log line and event carries it, and logs one line
 * per request when it finishes.
 */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  constructor(
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly metrics: HttpMetrics,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const offered = request.header(CORRELATION_HEADER);
    const correlationId = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
    response.setHeader(CORRELATION_HEADER, correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      this.metrics.observe(request.method, route, response.statusCode, seconds);
      requestContext.run({ correlationId }, () =>
        this.logger.info(
          {
            method: request.method,
            url: request.originalUrl,
            status: response.statusCode,
            ms: Math.round(seconds * 1000),
          },
          'request',
        ),
      );
    });
    requestContext.run({ correlationId }, next);
  }
}
