import { z } from 'zod';
import type { DeliveryItem, NotificationsPage, ReadNoticeResult, RetryDeliveryResult } from '@app/notices';
import { describes } from '../openapi/same-shape.js';

const channel = z.enum(['webhook', 'email']);

export const notificationsPageSchema = describes<NotificationsPage>()(
  z.object({
    items: z.array(
      z
        .object({
          id: z.string(),
          kind: z.string().meta({ description: 'reminder, overdue, escalation, submission-due, overdue-digest …' }),
          title: z.string(),
          body: z.string(),
          declarationId: z.string().nullable(),
          stage: z.string().nullable(),
          dueAt: z.string().nullable(),
          items: z.array(z.string()).meta({ description: 'A digest’s declarations' }),
          channels: z.array(channel),
          sentAt: z.string(),
          readAt: z.string().nullable(),
          link: z.string().nullable().meta({ description: 'PUBLIC_URL + /console/declarations/<id>' }),
        })
        .meta({ id: 'Notification' }),
    ),
    total: z.number().int(),
    unread: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
);

export const unreadCountSchema = z.object({ unread: z.number().int() });

export const readNoticeSchema = describes<Omit<ReadNoticeResult, 'position'>>()(
  z.object({ id: z.string(), readAt: z.string() }),
);

export const deliveriesPageSchema = describes<{
  items: DeliveryItem[];
  total: number;
  page: number;
  pageSize: number;
}>()(
  z.object({
    items: z.array(
      z
        .object({
          id: z.string().meta({ description: '<notice id>-<channel>: what the retry route takes' }),
          noticeId: z.string(),
          channel,
          status: z.enum(['pending', 'delivered', 'failed']),
          attempts: z.number().int(),
          error: z
            .string()
            .nullable()
            .meta({ description: '失败原因 · Why it failed: Chinese, or English on Accept-Language: en' }),
          errorDetail: z
            .string()
            .nullable()
            .meta({ description: 'What the mail server or the network said (technical, as received)' }),
          updatedAt: z.string(),
          recipient: z.object({ id: z.string(), username: z.string().nullable(), displayName: z.string().nullable() }),
          kind: z.string(),
          title: z.string(),
          declarationId: z.string().nullable(),
        })
        .meta({ id: 'Delivery' }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
);

export const queuedRescheduleSchema = z.object({ jobId: z.string(), status: z.literal('queued') });

export const retriedDeliverySchema = describes<Omit<RetryDeliveryResult, 'position'>>()(
  z.object({
    id: z.string(),
    noticeId: z.string(),
    channel,
    status: z.literal('pending'),
    round: z.number().int().meta({ description: 'The how-manieth retry of this delivery' }),
  }),
);
