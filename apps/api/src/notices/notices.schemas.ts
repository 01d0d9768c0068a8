import { z } from 'zod';
import { DELIVERY_STATUSES } from '@app/notices';
import { consistency, paging } from '../http/query-params.js';

export const notificationsQuerySchema = z
  .object({
    ...paging,
    unread: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .default(false),
    ...consistency,
  })
  .strict();
export type NotificationsQuery = z.infer<typeof notificationsQuerySchema>;

export const deliveriesQuerySchema = z
  .object({ ...paging, status: z.enum(DELIVERY_STATUSES).default('failed') })
  .strict();
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;
