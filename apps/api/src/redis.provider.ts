import { Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { createFailFastRedis } from '@app/platform';

/**
 * The API's own Redis connection. The API boots and takes commands with Redis down (the event
 * log is the source of truth), so a failed first connect is not fatal: ioredis keeps retrying.
 */
export const redisProvider: Provider = {
  provide: Redis,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => {
    const redis = createFailFastRedis(config.redis.url);
    redis.on('error', () => undefined); // reported by /health/ready, not as an unhandled 'error' event
    redis.connect().catch(() => undefined);
    return redis;
  },
};

@Injectable()
export class RedisShutdown implements OnApplicationShutdown {
  constructor(private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // QUIT lets Redis close the socket after replying; when Redis is away, just drop it.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
