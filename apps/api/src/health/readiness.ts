import { Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';

type Dependency = 'postgres' | 'redis';

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  down: Dependency[];
  checks: Record<Dependency, 'up' | 'down'>;
}

/** Asks each dependency a trivial question, each bounded by a timeout so the probe itself never hangs. */
@Injectable()
export class Readiness {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [postgres, redis] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.redis.ping()),
    ]);
    const checks = { postgres, redis };
    const down = (Object.keys(checks) as Dependency[]).filter((name) => checks[name] === 'down');
    return { status: down.length === 0 ? 'ok' : 'unavailable', down, checks };
  }

  private async probe(ask: () => Promise<unknown>): Promise<'up' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.config.healthTimeoutMs);
    });
    try {
      await Promise.race([ask(), timeout]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}
