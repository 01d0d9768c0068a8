import type { ConnectionOptions } from 'bullmq';

/** BullMQ wants ioredis options, the config has a URL. */
export function bullConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    // A socket that never connected never closes: without this, closing waits 2 s on it.
    disconnectTimeout: 200,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 5_000),
  };
}
