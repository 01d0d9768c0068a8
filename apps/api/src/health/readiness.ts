import { Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { SeasonSettings } from '@app/calendar';
import { AppConfig } from '@app/config';

type Dependency = 'postgres' | 'redis';

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  down: Dependency[];
  checks: Record<Dependency, 'up' | 'down'>;
  /** What works but needs someone's attention, in words (a budget year's holidays not entered yet); ready anyway. */
  warnings: string[];
}

/** Asks each dependency a trivial question, each bounded by a timeout so the probe itself never hangs. */
@Injectable()
export class Readiness {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly season: SeasonSettings,
  ) {}

  async check(): Promise<ReadinessReport> {
    const [postgres, redis] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.redis.ping()),
    ]);
    const checks = { postgres, redis };
    const down = (Object.keys(checks) as Dependency[]).filter((name) => checks[name] === 'down');
    const warnings = postgres === 'up' ? await this.warnings() : [];
    return { status: down.length === 0 ? 'ok' : 'unavailable', down, checks, warnings };
  }

  /** Never what makes the probe fail: a warning that cannot be worked out is left out. */
  private async warnings(): Promise<string[]> {
    let years: number[] = [];
    const asked = await this.probe(async () => void (years = await this.season.missingHolidays()));
    if (asked === 'down') return [];
    return years.map(
      (year) =>
        `HOLIDAYS_MISSING ${year}: ${year}年节假日安排尚未录入，审核时限暂按周一至周五计算（PUT /admin/calendars/${year}）`,
    );
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
