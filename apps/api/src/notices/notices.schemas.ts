import { z } from 'zod';
import { DELIVERY_STATUSES } from '@app/notices';
import { parseCheckpoint } from '@app/event-store';

const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const notificationsQuerySchema = z
  .object({
    ...paging,
    unread: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .default(false),
    // Read-your-writes, as on the other lists: wait until the notices read model has this position.
    after: z
      .string()
      .refine((v) => parseCheckpoint(v) !== null, {
        message: 'A position like 1234-567 (X-Log-Position)',
        params: { code: 'INVALID_POSITION' },
      })
      .optional(),
    waitMs: z.coerce.number().int().min(0).max(10_000).default(3_000),
  })
  .strict();
export type NotificationsQuery = z.infer<typeof notificationsQuerySchema>;

export const deliveriesQuerySchema = z
  .object({ ...paging, status: z.enum(DELIVERY_STATUSES).default('failed') })
  .strict();
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;
