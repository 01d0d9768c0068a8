import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/identity/roles';
import { QUEUE } from '@app/jobs';
import { ReadModelStatus, requestRebuild, retryParked, type ReadModelView } from '@app/projections';
import { CurrentActor, Roles } from '../auth/decorators.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/read-models')
export class AdminReadModelsController {
  constructor(
    private readonly status: ReadModelStatus,
    private readonly db: DataSource,
    @InjectQueue(QUEUE.rebuilds) private readonly rebuilds: Queue,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Each read model: checkpoint, lag behind the log, latest rebuild and its progress' })
  list(): Promise<ReadModelView[]> {
    return this.status.list();
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay the whole log into fresh tables and swap them in; the old ones serve meanwhile' })
  async rebuild(
    @CurrentActor() actor: Actor,
    @Param('name') name: string,
  ): Promise<{ rebuildId: string; status: 'queued' }> {
    const rebuildId = await requestRebuild(this.db, this.status, this.rebuilds, name, actor.userId);
    return { rebuildId, status: 'queued' };
  }

  @Post(':name/parked/:streamId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'After a fix, apply a parked stream again from all its events (409 when it still cannot be applied)',
  })
  async retryParked(
    @Param('name') name: string,
    @Param('streamId') streamId: string,
  ): Promise<{ name: string; streamId: string; status: 'restored' }> {
    await retryParked(this.db, this.status.projection(name), streamId);
    return { name, streamId, status: 'restored' };
  }
}
