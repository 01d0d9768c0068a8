import { z } from 'zod';

/** Query strings of a declaration's replay; unknown parameters are refused, never ignored. */

/** The largest version a query may name: nine digits always fit the log's integer column. */
export const MAX_STREAM_VERSION = 999_999_999;

// Not z.coerce: it turns a missing parameter into NaN, reported as a wrong type instead of REQUIRED.
const streamVersion = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number)
  .pipe(z.number().int().min(1));

/** Static checks only; whether the versions exist is known once the declaration is loaded. */
export const diffQuerySchema = z
  .object({ from: streamVersion, to: streamVersion.optional() })
  .strict()
  .refine((q) => q.to === undefined || q.from <= q.to, {
    path: ['from'],
    params: { code: 'FROM_AFTER_TO' },
  });
export type DiffQuery = z.infer<typeof diffQuerySchema>;
