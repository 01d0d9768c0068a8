import { z } from 'zod';
import { INBOX_QUEUES, LIST_SORTS } from '@app/declarations';
import { consistency, paging } from '../http/query-params.js';

const STATES = [
  'draft',
  'departmental_review',
  'bureau_signoff',
  'finance_confirmation',
  'confirmed',
  'rejected',
  'discarded', // only when asked for: lists leave discarded drafts out
] as const;

const scope = {
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unit: z.string().trim().min(1).max(100).optional(),
  department: z.string().trim().min(1).max(100).optional(),
};

export const listQuerySchema = z
  .object({
    ...scope,
    ...paging,
    ...consistency,
    // One state or several, comma-separated: state=draft,departmental_review
    state: z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()))
      .pipe(z.array(z.enum(STATES)).min(1))
      .optional(),
    category: z.string().trim().min(1).max(50).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(Object.keys(LIST_SORTS) as [keyof typeof LIST_SORTS]).default('updatedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();

export const inboxQuerySchema = z
  .object({ queue: z.enum(INBOX_QUEUES).default('todo'), ...paging, ...consistency })
  .strict();

export const statsQuerySchema = z.object({ ...scope, ...consistency }).strict();

export const indicatorsQuerySchema = z
  .object({
    ...scope,
    ...paging,
    ...consistency,
    level1: z.string().trim().min(1).max(20).optional(),
    level2: z.string().trim().min(1).max(20).optional(),
    kind: z.enum(['quantitative', 'qualitative', 'malformed', 'missing']).optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export type ListQuery = z.infer<typeof listQuerySchema>;
export type InboxQuery = z.infer<typeof inboxQuerySchema>;
export type StatsQuery = z.infer<typeof statsQuerySchema>;
export type IndicatorsQuery = z.infer<typeof indicatorsQuerySchema>;
