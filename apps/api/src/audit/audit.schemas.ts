import { z } from 'zod';

/** Query strings of the auditor's replay; unknown parameters are refused, never ignored. */

// Not z.coerce: it turns a missing parameter into NaN, reported as a wrong type instead of REQUIRED.
const version = z
  .string()
  .regex(/^\d{1,9}$/, 'A stream version: 1, 2, …')
  .transform(Number)
  .pipe(z.number().int().min(1));
const instant = z.iso.datetime({ offset: true });

/** Static checks only; whether the versions exist is known once the declaration is loaded. */
export const diffQuerySchema = z
  .object({ from: version, to: version.optional() })
  .strict()
  .refine((q) => q.to === undefined || q.from <= q.to, {
    path: ['from'],
    message: '`from` must not come after `to`',
    params: { code: 'FROM_AFTER_TO' },
  });
export type DiffQuery = z.infer<typeof diffQuerySchema>;

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
    message: '`to` must come after `from`',
    params: { code: 'TO_NOT_AFTER_FROM' },
  });
export type ExportQuery = z.infer<typeof exportQuerySchema>;
