import { z } from 'zod';
import { INBOX_QUEUES, INBOX_SORTS, LIST_SORTS, type InboxSort } from '@app/declarations';
import { consistency, paging } from '../http/query-params.js';

/** The states a queue can hold: a discarded draft (作废) leaves every queue. */
const QUEUED_STATES = [
  'draft',
  'departmental_review',
  'bureau_signoff',
  'finance_confirmation',
  'confirmed',
  'rejected',
] as const;
const STATES = [...QUEUED_STATES, 'discarded'] as const; // discarded only when asked for

/** One state or several, comma-separated: state=draft,departmental_review */
const states = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(values)).min(1))
    .optional();

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
    state: states(STATES),
    category: z.string().trim().min(1).max(50).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(Object.keys(LIST_SORTS) as [keyof typeof LIST_SORTS]).default('updatedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();

export const inboxQuerySchema = z
  .object({
    queue: z.enum(INBOX_QUEUES).default('todo'),
    ...scope,
    state: states(QUEUED_STATES),
    q: z.string().trim().min(1).max(100).optional(),
    // Without a sort, the queue's own order (the oldest arrival first; in handled, the latest action).
    sort: z.enum(Object.keys(INBOX_SORTS) as [InboxSort]).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    ...paging,
    ...consistency,
  })
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
