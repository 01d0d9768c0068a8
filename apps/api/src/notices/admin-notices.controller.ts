import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import type { Actor } from '@app/identity/roles';
import { QUEUE, type JobPayloads } from '@app/jobs';
import { ListDeliveries, RetryDelivery, type DeliveryItem, type RetryDeliveryResult } from '@app/notices';
import { AppError, say, type Language } from '@app/platform';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { ReaderLanguage } from '../http/language.js';
import { validated } from '../http/validation.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import { deliveriesPageSchema, queuedRescheduleSchema, retriedDeliverySchema } from './notices.responses.js';
import { deliveriesQuerySchema, type DeliveriesQuery } from './notices.schemas.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AdminNoticesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    @InjectQueue(QUEUE.maintenance) private readonly maintenance: Queue,
  ) {}

  @Get('notices/deliveries')
  @ApiOperation({ summary: '投递记录 · Webhook and e-mail deliveries by status (default failed: given up for good)' })
  @QueryFrom(deliveriesQuerySchema)
  @Answers(200, deliveriesPageSchema, 'A page')
  @Fails(400, 403)
  deliveries(
    @Query(validated(deliveriesQuerySchema)) q: DeliveriesQuery,
    @ReaderLanguage() language: Language,
  ): Promise<{ items: DeliveryItem[]; total: number; page: number; pageSize: number }> {
    return this.queries.execute(new ListDeliveries(q.status, q.page, q.pageSize, language));
  }

  @Post('notices/deliveries/:id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: '重新投递 · Send a delivery that failed for good again (a new round of tries)',
    description: '409 DELIVERY_NOT_FAILED when it is pending or delivered; 404 when there is no such delivery.',
  })
  @Answers(200, retriedDeliverySchema, 'Pending again; the worker sends it', ['logPosition'])
  @Fails(403, 404, 409)
  async retry(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Omit<RetryDeliveryResult, 'position'>> {
    const { position, ...result } = await this.commands.execute(new RetryDelivery(actor, id));
    res.setHeader('X-Log-Position', position);
    return result;
  }

  @Post('deadlines/reschedule')
  @HttpCode(202)
  @ApiOperation({
    summary: '重排期限任务 · Derive every pending deadline and delivery job from the log again',
  })
  @Answers(202, queuedRescheduleSchema, 'Queued for the worker')
  @Fails(403)
  async reschedule(@CurrentActor() actor: Actor): Promise<{ jobId: string; status: 'queued' }> {
    const data: JobPayloads['reschedule-deadlines'] = { requestedBy: actor.userId };
    const job = await this.maintenance.add('reschedule-deadlines', data).catch(() => {
      throw new AppError('SERVICE_UNAVAILABLE', say('request.queueUnavailable'), [], {
        retryAfterSeconds: 5,
      });
    });
    return { jobId: job.id!, status: 'queued' };
  }
}
