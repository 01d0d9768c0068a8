import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@app/identity/roles';
import { formatCheckpoint, parseCheckpoint } from '@app/event-store';
import {
  CountUnreadNotifications,
  ListNotifications,
  ReadNotice,
  type NotificationsPage,
  type ReadNoticeResult,
} from '@app/notices';
import { AppError, say } from '@app/platform';
import { ReadModelStatus } from '@app/projections';
import { CurrentActor } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import { notificationsPageSchema, readNoticeSchema, unreadCountSchema } from './notices.responses.js';
import { notificationsQuerySchema, type NotificationsQuery } from './notices.schemas.js';

const READ_MODEL = 'notices';
const id = new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', say('notice.notFound')) });

/** The caller's own notices: deadline reminders, overdue notices, escalations and digests. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly status: ReadModelStatus,
  ) {}

  @Get()
  @ApiOperation({
    summary: '我的通知 · My notices, newest first (?unread=true for the unread ones), with the unread count',
  })
  @QueryFrom(notificationsQuerySchema)
  @Answers(200, notificationsPageSchema, 'A page', ['readModelPosition'])
  @Fails(400)
  async list(
    @CurrentActor() actor: Actor,
    @Query(validated(notificationsQuerySchema)) q: NotificationsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NotificationsPage> {
    await this.consistent(q, res);
    return this.queries.execute(new ListNotifications(actor.userId, q.unread, q.page, q.pageSize));
  }

  @Get('unread-count')
  @ApiOperation({ summary: '未读数 · How many of my notices are unread' })
  @Answers(200, unreadCountSchema, 'The count')
  @Fails()
  unreadCount(@CurrentActor() actor: Actor): Promise<{ unread: number }> {
    return this.queries.execute(new CountUnreadNotifications(actor.userId));
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读 · Mark one of my notices read (recorded in the log; again changes nothing)' })
  @Answers(200, readNoticeSchema, 'When it was read', ['logPosition'])
  @Fails(404)
  async read(
    @CurrentActor() actor: Actor,
    @Param('id', id) noticeId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Omit<ReadNoticeResult, 'position'>> {
    const { position, ...result } = await this.commands.execute(new ReadNotice(actor, noticeId));
    if (position) res.setHeader('X-Log-Position', position);
    return result;
  }

  private async consistent(q: { after?: string; waitMs: number }, res: Response): Promise<void> {
    const after = q.after === undefined ? null : parseCheckpoint(q.after);
    if (after) await this.status.waitFor(READ_MODEL, after, q.waitMs);
    res.setHeader('X-Read-Model-Position', formatCheckpoint(await this.status.checkpoint(READ_MODEL)));
  }
}
