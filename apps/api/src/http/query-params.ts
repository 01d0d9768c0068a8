import { z } from 'zod';
import { parseCheckpoint } from '@app/event-store';

/** `page` and `pageSize`, the same on every list. */
export const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** Read-your-writes: `after` is a write's X-Log-Position; the read waits (up to waitMs) for it. */
export const consistency = {
  after: z
    .string()
    .refine((v) => parseCheckpoint(v) !== null, {
      params: { code: 'INVALID_POSITION' },
    })
    .optional(),
  waitMs: z.coerce.number().int().min(0).max(10_000).default(3_000),
};
