import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { AppError, createFailFastRedis, say } from '@app/platform';

/**
 * A sliding-window log per key (a sorted set of attempt times, Redis's own clock so every API
 * process agrees). If any key is at its limit, answers the milliseconds until its oldest counted
 * attempt leaves the window and records nothing; otherwise records the attempt under every key.
 * One script, so parallel attempts cannot all slip past the check before any is counted.
 * KEYS: the counters; ARGV: window (ms), attempt id, then each key's limit.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local limit = tonumber(ARGV[2 + i])
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now, 1)
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, window)
end
return 0`;

const REDIS_TIMEOUT_MS = 500;
const WARN_EVERY_MS = 60_000;

/** What the caller reports once the password has been checked. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/**
 * The brute-force limit on POST /auth/token. Every attempt is counted *before* the password is
 * checked, against the username (normalised as sign-in matches it, whether or not it exists, so
 * the limit cannot be used to probe for accounts) and against the client address; a success takes
 * its attempt back and clears the username's count, so what stays counted is failures. At the
 * limit the answer is 429 with Retry-After, even for the right password.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LoginThrottle');
  private redis: Redis | null = null;
  private lastWarning = 0;

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.redis = createFailFastRedis(this.config.redis.url, { commandTimeout: REDIS_TIMEOUT_MS });
    this.redis.on('error', () => undefined); // reported by /health/ready and by the warning below
    this.redis.connect().catch(() => undefined);
  }

  async begin(username: string, clientAddress: string | undefined): Promise<SignInAttempt> {
    const { maxFailuresPerUsername, maxFailuresPerIp, windowSeconds } = this.config.auth.login;
    const userKey = this.key('user', createHash('sha256').update(username.trim().toLowerCase()).digest('hex'));
    const ipKey = this.key('ip', clientAddress ?? 'unknown');
    const limits: [string, number][] = [[userKey, maxFailuresPerUsername]];
    if (maxFailuresPerIp > 0) limits.push([ipKey, maxFailuresPerIp]);
    const id = randomUUID();
    const waitMs = await this.failOpen((redis) =>
      redis.eval(
        RESERVE,
        limits.length,
        ...limits.map(([key]) => key),
        windowSeconds * 1000,
        id,
        ...limits.map(([, limit]) => limit),
      ),
    );
    if (typeof waitMs === 'number' && waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new AppError('TOO_MANY_REQUESTS', say('auth.tooManyAttempts', { seconds: retryAfterSeconds }), [], {
        retryAfterSeconds,
      });
    }
    return {
      succeeded: async () => {
        await this.failOpen((redis) => redis.multi().del(userKey).zrem(ipKey, id).exec());
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    const redis = this.redis;
    this.redis = null;
    if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis?.disconnect();
  }

  private key(kind: 'user' | 'ip', id: string): string {
    return `${this.config.redis.queuePrefix}:login-failures:${kind}:${id}`;
  }

  /**
   * Redis unreachable: sign-in goes on unthrottled, with a warning. Failing closed would turn a
   * Redis outage into no one being able to sign in, while the rest of the API keeps working
   * without Redis; argon2id still makes every guess slow, and /health/ready reports the outage.
   */
  private async failOpen<T>(work: (redis: Redis) => Promise<T>): Promise<T | null> {
    try {
      return await work(await this.connected());
    } catch (error) {
      if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn(`Sign-in attempts are not being limited: Redis did not answer (${String(error)})`);
      }
      return null;
    }
  }

  /** The connection, once ready; a connect in progress gets a moment, a known outage none. */
  private async connected(): Promise<Redis> {
    const redis = this.redis;
    if (!redis) throw new Error('shut down');
    const ready = () => redis.status === 'ready';
    if (ready()) return redis;
    if (redis.status === 'reconnecting' || redis.status === 'end') throw new Error(`not connected (${redis.status})`);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, REDIS_TIMEOUT_MS);
      redis.once('ready', done);
    });
    if (!ready()) throw new Error(`not connected (${redis.status})`);
    return redis;
  }
}
