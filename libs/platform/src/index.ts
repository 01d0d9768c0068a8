export { Clock, ManualClock, SystemClock } from './clock.js';
export { ClockModule } from './clock.module.js';
export { AppError, atVersion, UnreadableEventError, type ErrorCode, type FieldError } from './errors.js';
export { IdGenerator, RandomIdGenerator, SequentialIdGenerator } from './ids.js';
export { createLogger, NestPinoLogger, PINO_LOGGER } from './logger.js';
export { createFailFastRedis, createWorkerRedis } from './redis.js';
export { requestContext, type RequestContext } from './request-context.js';
export { enforceShutdownDeadline } from './shutdown.js';
