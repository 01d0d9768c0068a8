import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { Actor } from '@app/identity/roles';
import { QUEUE, type JobPayloads } from '@app/jobs';
import { ListDeliveries, type DeliveryItem } from '@app/notices';
import { AppError, say } from '@app/platform';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import { deliveriesPageSchema, queuedRescheduleSchema } from './notices.responses.js';
import { deliveriesQuerySchema, type DeliveriesQuery } from './notices.schemas.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AdminNoticesController {
  constructor(
    private readonly queries: QueryBus,
    @InjectQueue(QUEUE.deadlines) private readonly deadlines: Queue,
  ) {}

  @Get('notices/deliveries')
  @ApiOperation({ summary: '投递记录 · Webhook and e-mail deliveries by status (default failed: given up for good)' })
  @QueryFrom(deliveriesQuerySchema)
  @Answers(200, deliveriesPageSchema, 'A page')
  @Fails(400, 403)
  deliveries(
    @Query(validated(deliveriesQuerySchema)) q: DeliveriesQuery,
  ): Promise<{ items: DeliveryItem[]; total: number; page: number; pageSize: number }> {
    return this.queries.execute(new ListDeliveries(q.status, q.page, q.pageSize));
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
    const job = await this.deadlines.add('reschedule-deadlines', data).catch(() => {
      throw new AppError('SERVICE_UNAVAILABLE', say('request.queueUnavailable'), [], {
        retryAfterSeconds: 5,
      });
    });
    return { jobId: job.id!, status: 'queued' };
  }
}
