export { Clock, ManualClock, SystemClock } from './clock.js';
export { ClockModule } from './clock.module.js';
export { withinDeadline } from './deadline.js';
export { hasBidiControl, textFault, type TextKind } from './text.js';
export { AppError, atVersion, ERROR_CODES, UnreadableEventError, type ErrorCode, type FieldError } from './errors.js';
export {
  isMessageKey,
  languageOf,
  MESSAGE_KEYS,
  render,
  say,
  type Language,
  type MessageKey,
  type Text,
  type Words,
} from './messages.js';
export { IdGenerator, RandomIdGenerator, SequentialIdGenerator } from './ids.js';
export { createLogger, NestPinoLogger, PINO_LOGGER } from './logger.js';
export { createFailFastRedis, createWorkerRedis } from './redis.js';
export { requestContext, type RequestContext } from './request-context.js';
export { enforceShutdownDeadline } from './shutdown.js';
export {
  WorkerPool,
  WorkerPoolBusyError,
  WorkerTaskError,
  WorkerTimeoutError,
  workerScript,
  type WorkerPoolOptions,
} from './worker-pool.js';
