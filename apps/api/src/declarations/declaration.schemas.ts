import { z } from 'zod';
import { MAX_STREAM_VERSION } from './history.schemas.js';
import { MAX_INDICATORS, TEXT_LIMITS, yuanToFen } from '@app/declarations';

/** Request bodies use the glossary's names (DOMAIN.md); unknown fields are refused, never ignored. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const date = z
  .string()
  .regex(ISO_DATE)
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      params: { code: 'INVALID_DATE' },
    },
  );

/** Yuan as a number or a string, at most two decimals, never negative; kept as integer fen. */
const amount = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const fen = yuanToFen(value);
  if (fen === null) {
    ctx.addIssue({
      code: 'custom',
      params: { code: 'INVALID_AMOUNT' },
    });
    return z.NEVER;
  }
  return fen;
});

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const fundsSchema = z
  .object({
    projectTotal: amount.nullable(),
    annualTotal: amount.nullable(),
    currentYearAppropriation: amount.nullable(),
    carryOver: amount.nullable(),
    otherFunds: amount.nullable(),
  })
  .partial()
  .strict();

export const indicatorSchema = z
  .object({
    level1: text(TEXT_LIMITS.level1),
    level2: text(TEXT_LIMITS.level2),
    // The domain holds names to the year's limit (100) with its own code; this only stops abuse.
    name: z.string().trim().max(TEXT_LIMITS.name),
    target: text(TEXT_LIMITS.target),
  })
  .strict();

const basicFields = {
  year: z.number().int().min(2000).max(2100),
  projectName: text(TEXT_LIMITS.projectName),
  nature: text(TEXT_LIMITS.nature),
  category: optionalText(TEXT_LIMITS.category),
  plannedStart: date.nullable().optional(),
  plannedEnd: date.nullable().optional(),
  overallGoal: optionalText(TEXT_LIMITS.overallGoal),
  annualGoal: optionalText(TEXT_LIMITS.annualGoal),
};

export const createDeclarationSchema = z
  .object({
    ...basicFields,
    /** Admins name the unit (id or name); a preparer's declarations are always their own unit's. */
    unit: text(200).optional(),
    funds: fundsSchema.optional(),
    indicators: z.array(indicatorSchema).max(MAX_INDICATORS).optional(),
  })
  .strict();
export type CreateDeclarationBody = z.infer<typeof createDeclarationSchema>;

export const reviseDeclarationSchema = z
  .object({ ...basicFields, funds: fundsSchema })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { params: { code: 'EMPTY_CHANGE' } });
export type ReviseDeclarationBody = z.infer<typeof reviseDeclarationSchema>;

export const reviseIndicatorSchema = indicatorSchema
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { params: { code: 'EMPTY_CHANGE' } });

export const actionSchema = z.object({ comment: z.string().max(2000).nullable().optional() }).strict();
export type ActionBody = z.infer<typeof actionSchema>;

export const readQuerySchema = z
  .object({
    version: z.coerce.number().int().min(1).max(MAX_STREAM_VERSION).optional(),
    asOf: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
