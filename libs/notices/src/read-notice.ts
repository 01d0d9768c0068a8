import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { formatCheckpoint } from '@app/event-store';
import { AppError, say } from '@app/platform';
import { NoticeLog } from './notice-log.js';

export interface ReadNoticeResult {
  id: string;
  readAt: string;
  /** Log position of the reading, for read-your-writes; null when it had been read before. */
  position: string | null;
}

/** Marks one of the caller's notices read; a notice of someone else's is not found. */
export class ReadNotice extends Command<ReadNoticeResult> {
  constructor(
    readonly actor: { userId: string; role: string; unitId: string | null },
    readonly noticeId: string,
  ) {
    super();
  }
}

@CommandHandler(ReadNotice)
export class ReadNoticeHandler implements ICommandHandler<ReadNotice> {
  constructor(private readonly log: NoticeLog) {}

  async execute({ actor, noticeId }: ReadNotice): Promise<ReadNoticeResult> {
    const loaded = await this.log.load(noticeId);
    if (!loaded || loaded.notice.recipientId !== actor.userId) throw new AppError('NOT_FOUND', say('notice.notFound'));
    if (loaded.notice.readAt) return { id: noticeId, readAt: loaded.notice.readAt, position: null };
    const result = await this.log.markRead(noticeId, actor);
    const reread = await this.log.load(noticeId);
    return { id: noticeId, readAt: reread!.notice.readAt!, position: formatCheckpoint(result.position) };
  }
}
