import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ConcurrencyError,
  ExpectedVersionRequiredError,
  IdempotencyConflictError,
  StreamNotFoundError,
} from '@app/event-store';
import { AppError, render, say, type ErrorCode, type Language } from '@app/platform';
import { answerIn, languageOfRequest } from './language.js';

/** The one table from error code to HTTP status. */
const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INDICATOR_NOT_FOUND: 404,
  DECLARATION_ILLEGAL_TRANSITION: 409,
  CONFLICT: 409,
  VERSION_MISMATCH: 412,
  PAYLOAD_TOO_LARGE: 413,
  // Answered by Node's parser before any route (see client-errors.ts); here for the one table of codes.
  HEADERS_TOO_LARGE: 431,
  SUBMISSION_BLOCKED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  PRECONDITION_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  READ_MODEL_LAGGING: 503,
  // The budget calendar of a year the deadline falls in is not installed: an operator must add it.
  CALENDAR_MISSING: 422,
  // The log holds an event the service cannot apply (written around it): an operator must look.
  DECLARATION_UNREADABLE: 503,
  // A retried parked stream still cannot be applied.
  STREAM_STILL_PARKED: 409,
  // Only a delivery that failed for good can be sent again.
  DELIVERY_NOT_FAILED: 409,
  // A receipt is for a confirmed declaration only.
  DECLARATION_NOT_CONFIRMED: 409,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  errors: { path: string; code: string; message: string }[];
  [detail: string]: unknown;
}

/** The answer's body, its words in the reader's language. */
export function errorBody(error: AppError, language: Language): ErrorBody {
  return {
    ...error.details,
    code: error.code,
    message: render(error.text, language),
    errors: error.errors.map(({ path, code, message }) => ({ path, code, message: render(message, language) })),
  };
}

/** Turns anything thrown into `{ code, message, errors }`; controllers never catch. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request | undefined>();
    const error = toAppError(exception);
    const status = STATUS[error.code];
    if (status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    if (response.headersSent) return;
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    const language = languageOfRequest(request);
    answerIn(response, language);
    response.status(status).json(errorBody(error, language));
  }
}

export function toAppError(exception: unknown): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof ConcurrencyError) {
    return new AppError('VERSION_MISMATCH', undefined, [], { currentVersion: exception.actual });
  }
  if (exception instanceof StreamNotFoundError) return new AppError('NOT_FOUND');
  if (exception instanceof ExpectedVersionRequiredError) {
    return new AppError('PRECONDITION_REQUIRED');
  }
  if (exception instanceof IdempotencyConflictError) {
    return new AppError('IDEMPOTENCY_KEY_REUSED');
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (isDatabaseUnavailable(exception)) {
    return new AppError('SERVICE_UNAVAILABLE', say('request.databaseUnavailable'), [], { retryAfterSeconds: 2 });
  }
  const bodyParserError = exception as { type?: string; status?: number };
  if (bodyParserError.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE');
  if (typeof bodyParserError.type === 'string' && bodyParserError.status === 400) {
    return new AppError('MALFORMED_REQUEST', say('request.badJson'));
  }
  return new AppError('INTERNAL');
}

function fromHttpException(exception: HttpException): AppError {
  const status = exception.getStatus();
  const byStatus: Partial<Record<number, ErrorCode>> = {
    [HttpStatus.BAD_REQUEST]: 'MALFORMED_REQUEST',
    [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
    [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
    [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
    [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
    [HttpStatus.TOO_MANY_REQUESTS]: 'TOO_MANY_REQUESTS',
    [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
  };
  const code = byStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'MALFORMED_REQUEST');
  // Nest's own texts (a route that does not exist, a throttler) are English: the code's text stands in.
  return new AppError(code);
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03']);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|Connection is not established/i;

/**
 * PostgreSQL restarting or unreachable: a 503 the client may retry, not a 500. An append is one
 * transaction, so nothing is half written; it may have committed just before the connection
 * dropped, which is why the message points at Idempotency-Key.
 */
function isDatabaseUnavailable(exception: unknown): boolean {
  const error = exception as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = error?.driverError?.code ?? error?.code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  const message = `${error?.message ?? ''} ${error?.driverError?.message ?? ''}`;
  return CONNECTION_MESSAGES.test(message);
}
