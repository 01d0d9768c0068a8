import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Names, type NameBook } from '@app/identity';
import { render, type Language, type Text } from '@app/platform';
import type { Channel } from '../domain/notice.js';
import { deliveryIdOf } from '../retry-delivery.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryItem {
  /** `<notice id>-<channel>`: what POST /admin/notices/deliveries/:id/retry takes. */
  id: string;
  noticeId: string;
  channel: Channel;
  status: DeliveryStatus;
  attempts: number;
  /** Why it failed, in the reader's language (as recorded, for failures recorded before reasons were kept). */
  error: string | null;
  /** What the mail server or the network said (technical, English); null when nothing more was said. */
  errorDetail: string | null;
  updatedAt: string;
  recipient: { id: string; username: string | null; displayName: string | null };
  kind: string;
  title: string;
  declarationId: string | null;
}

/** Deliveries by status, newest first: what an admin checks (`failed` gave up for good). */
export class ListDeliveries extends Query<{ items: DeliveryItem[]; total: number; page: number; pageSize: number }> {
  constructor(
    readonly status: DeliveryStatus,
    readonly page: number,
    readonly pageSize: number,
    readonly language: Language = 'zh',
  ) {
    super();
  }
}

interface Row {
  notice_id: string;
  channel: Channel;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  error_reason: Text | null;
  error_detail: string | null;
  updated_at: Date;
  recipient_id: string;
  kind: string;
  title: string;
  declaration_id: string | null;
}

@QueryHandler(ListDeliveries)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveries> {
  constructor(
    private readonly db: DataSource,
    private readonly names: Names,
  ) {}

  async execute({ status, page, pageSize, language }: ListDeliveries) {
    const [count] = await this.db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM notice_deliveries WHERE status = $1`,
      [status],
    );
    const rows = await this.db.query<Row[]>(
      `SELECT d.*, n.kind, n.title, n.declaration_id
         FROM notice_deliveries d
         JOIN notices n ON n.notice_id = d.notice_id
        WHERE d.status = $1
        ORDER BY d.updated_at DESC, d.notice_id, d.channel LIMIT $2 OFFSET $3`,
      [status, pageSize, (page - 1) * pageSize],
    );
    const names = await this.names.of({ users: rows.map((r) => r.recipient_id) });
    return { items: rows.map((row) => toItem(row, names, language)), total: Number(count!.n), page, pageSize };
  }
}

function toItem(row: Row, names: NameBook, language: Language): DeliveryItem {
  const recipient = names.user(row.recipient_id);
  return {
    id: deliveryIdOf(row.notice_id, row.channel),
    noticeId: row.notice_id,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    ...errorOf(row, language),
    updatedAt: row.updated_at.toISOString(),
    recipient: {
      id: row.recipient_id,
      username: recipient?.username ?? null,
      displayName: recipient?.displayName ?? null,
    },
    kind: row.kind,
    title: row.title,
    declarationId: row.declaration_id,
  };
}

/**
 * The reason in the reader's language, and the detail as recorded. Failures recorded before the
 * detail had its own field keep it only in `error`, "<reason in English>: <detail>" (DeliveryError's message).
 */
export function errorOf(
  row: Pick<Row, 'error' | 'error_reason' | 'error_detail'>,
  language: Language,
): Pick<DeliveryItem, 'error' | 'errorDetail'> {
  if (row.error === null) return { error: null, errorDetail: null };
  if (!row.error_reason) return { error: row.error, errorDetail: row.error_detail };
  const english = render(row.error_reason, 'en');
  const detail = row.error.startsWith(`${english}: `) ? row.error.slice(english.length + 2) : null;
  return { error: render(row.error_reason, language), errorDetail: row.error_detail ?? detail };
}
