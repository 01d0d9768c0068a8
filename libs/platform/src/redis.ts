import { Redis, type RedisOptions } from 'ioredis';

/**
 * A connection for the API side: it fails fast when Redis is away (no offline queue), so a
 * request never hangs on Redis: the event log, not the queue, is the source of truth.
 */
export function createFailFastRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    disconnectTimeout: 200,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
    ...options,
  });
}

/** A connection for BullMQ workers: they block on Redis and must retry forever. */
export function createWorkerRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
    ...options,
  });
}
