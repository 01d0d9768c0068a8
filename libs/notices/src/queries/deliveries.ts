import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Names, type NameBook } from '@app/identity';
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
  error: string | null;
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

  async execute({ status, page, pageSize }: ListDeliveries) {
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
    return { items: rows.map((row) => toItem(row, names)), total: Number(count!.n), page, pageSize };
  }
}

function toItem(row: Row, names: NameBook): DeliveryItem {
  const recipient = names.user(row.recipient_id);
  return {
    id: deliveryIdOf(row.notice_id, row.channel),
    noticeId: row.notice_id,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
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
