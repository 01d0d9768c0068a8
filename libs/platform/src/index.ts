export { Clock, ManualClock, SystemClock } from './clock.js';
export { IdGenerator, RandomIdGenerator, SequentialIdGenerator } from './ids.js';
export { createLogger, NestPinoLogger } from './logger.js';
export { requestContext, type RequestContext } from './request-context.js';
