import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { SCHEDULES, TIME_ZONE } from '@app/jobs';

/** Puts every recurring schedule of the catalog in place; upserting is idempotent across workers. */
@Injectable()
export class SchedulesRegistrar implements OnApplicationBootstrap {
  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of SCHEDULES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(schedule.queue), { strict: false });
      await queue.upsertJobScheduler(
        schedule.id,
        { pattern: schedule.pattern, tz: TIME_ZONE },
        { name: schedule.job, data: schedule.data },
      );
    }
  }
}
