import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { SCHEDULES, TIME_ZONE } from '@app/jobs';

/**
 * Puts every recurring schedule of the catalog in place; upserting is idempotent across workers.
 * Redis keeps nothing on disk here: when it comes back empty after an outage, the schedules are
 * gone with it, so they are put back every time the connection becomes ready again.
 */
@Injectable()
export class SchedulesRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger('Schedules');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsertAll();
    for (const name of new Set(SCHEDULES.map((s) => s.queue))) {
      const client = await this.queue(name).getBackend().client;
      client.on('ready', () => {
        this.upsertAll().catch((error: unknown) => this.logger.warn(`schedules not restored yet: ${String(error)}`));
      });
    }
  }

  private async upsertAll(): Promise<void> {
    for (const schedule of SCHEDULES) {
      const queue = this.queue(schedule.queue);
      const every = 'every' in schedule ? schedule.every(this.config) : null;
      if (every === 0) {
        await queue.removeJobScheduler(schedule.id);
        continue;
      }
      const repeat =
        every === null && 'pattern' in schedule ? { pattern: schedule.pattern, tz: TIME_ZONE } : { every: every! };
      await queue.upsertJobScheduler(schedule.id, repeat, { name: schedule.job, data: schedule.data });
    }
  }

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
