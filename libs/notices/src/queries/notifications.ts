import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Channel, NoticeContent } from '../domain/notice.js';

/** A notice as its recipient sees it in their list. */
export interface NotificationItem extends Omit<NoticeContent, 'recipientId' | 'link'> {
  id: string;
  /** Where to open it in the console; null for notices sent before links existed. */
  link: string | null;
  channels: Channel[];
  sentAt: string;
  readAt: string | null;
}

export interface NotificationsPage {
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** The caller's notices, newest first (GET /notifications). */
export class ListNotifications extends Query<NotificationsPage> {
  constructor(
    readonly userId: string,
    readonly unreadOnly: boolean,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}

export class CountUnreadNotifications extends Query<{ unread: number }> {
  constructor(readonly userId: string) {
    super();
  }
}

interface Row {
  notice_id: string;
  kind: string;
  title: string;
  body: string;
  declaration_id: string | null;
  stage: string | null;
  due_at: Date | null;
  items: string[];
  channels: Channel[];
  sent_at: Date;
  read_at: Date | null;
  link: string | null;
}

@QueryHandler(ListNotifications)
export class ListNotificationsHandler implements IQueryHandler<ListNotifications> {
  constructor(private readonly db: DataSource) {}

  async execute({ userId, unreadOnly, page, pageSize }: ListNotifications): Promise<NotificationsPage> {
    const unread = unreadOnly ? 'AND read_at IS NULL' : '';
    const [counts] = await this.db.query<{ total: string; unread: string }[]>(
      `SELECT count(*) FILTER (WHERE TRUE ${unread}) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread
         FROM notices WHERE recipient_id = $1`,
      [userId],
    );
    const rows = await this.db.query<Row[]>(
      `SELECT * FROM notices WHERE recipient_id = $1 ${unread}
        ORDER BY sent_at DESC, notice_id LIMIT $2 OFFSET $3`,
      [userId, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toItem), total: Number(counts!.total), unread: Number(counts!.unread), page, pageSize };
  }
}

@QueryHandler(CountUnreadNotifications)
export class CountUnreadNotificationsHandler implements IQueryHandler<CountUnreadNotifications> {
  constructor(private readonly db: DataSource) {}

  async execute({ userId }: CountUnreadNotifications): Promise<{ unread: number }> {
    const [row] = await this.db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM notices WHERE recipient_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return { unread: Number(row!.n) };
  }
}

function toItem(row: Row): NotificationItem {
  return {
    id: row.notice_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    declarationId: row.declaration_id,
    stage: row.stage,
    dueAt: row.due_at?.toISOString() ?? null,
    items: row.items,
    channels: row.channels,
    sentAt: row.sent_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    link: row.link,
  };
}
