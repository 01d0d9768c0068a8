import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/identity/roles';
import { QUEUE } from '@app/jobs';
import { ReadModelStatus, requestRebuild, retryParked, type ReadModelView } from '@app/projections';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { Answers, Fails } from '../openapi/decorators.js';
import { queuedJobSchema, readModelsSchema, restoredStreamSchema } from './read-model.responses.js';

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
  @ApiOperation({ summary: '读模型状态 · Each read model: checkpoint, lag, latest rebuild and its progress' })
  @Answers(200, readModelsSchema, 'Every read model')
  @Fails(403)
  list(): Promise<ReadModelView[]> {
    return this.status.list();
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: '重建读模型 · Replay the log into fresh tables and swap them in; the old ones serve meanwhile',
  })
  @Answers(202, queuedJobSchema, 'Queued for the worker')
  @Fails(403, 404, 409)
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
    summary: '重试搁置的事件流 · After a fix, apply a parked stream again from all its events',
    description: '409 STREAM_STILL_PARKED when it still cannot be applied; 404 when it is not parked.',
  })
  @Answers(200, restoredStreamSchema, 'Applied again; no longer parked')
  @Fails(403, 404, 409)
  async retryParked(
    @Param('name') name: string,
    @Param('streamId') streamId: string,
  ): Promise<{ name: string; streamId: string; status: 'restored' }> {
    await retryParked(this.db, this.status.projection(name), streamId);
    return { name, streamId, status: 'restored' };
  }
}
