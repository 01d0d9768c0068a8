import { z } from 'zod';

/** Query strings of the auditor's trail; unknown parameters are refused, never ignored. */
const instant = z.iso.datetime({ offset: true });

export const verifyQuerySchema = z.object({ declarationId: z.uuid().optional() }).strict();
export type VerifyQuery = z.infer<typeof verifyQuerySchema>;

/** `from` inclusive, `to` exclusive, both optional: consecutive exports neither overlap nor leave gaps. */
export const exportQuerySchema = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    format: z.enum(['jsonl', 'csv']).default('jsonl'),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    params: { code: 'TO_NOT_AFTER_FROM' },
  });
export type ExportQuery = z.infer<typeof exportQuerySchema>;

const size = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const inclusionQuerySchema = z
  .object({
    position: z.string().regex(/^\d{1,19}$/, 'a global position (digits)'),
    treeSize: size,
  })
  .strict();
export type InclusionQuery = z.infer<typeof inclusionQuerySchema>;

export const consistencyQuerySchema = z.object({ from: size, to: size }).strict();
export type ConsistencyQuery = z.infer<typeof consistencyQuerySchema>;
