import { z } from 'zod';
import type { BudgetYearView, CalendarYearView } from '@app/calendar';
import { budgetCycleSchema, calendarYearSchema } from '@app/config';
import { describes } from '../openapi/same-shape.js';

/** What a PUT takes: the files' own schemas (config/calendars.ts), so the two cannot differ. */
export const budgetYearBody = budgetCycleSchema;
export const calendarYearBody = calendarYearSchema;

const change = <S extends z.ZodType>(settings: S) =>
  z.object({
    version: z.number().int(),
    at: z.string(),
    by: z.object({ id: z.string(), username: z.string().nullable(), displayName: z.string().nullable() }),
    role: z.string(),
    settings,
  });

const cycle = z.object({
  submissionDeadline: z.string(),
  submissionReminderDays: z.number().int(),
  stageLimits: z.object({
    departmental_review: z.number().int(),
    bureau_signoff: z.number().int(),
    finance_confirmation: z.number().int(),
  }),
});

const days = z.object({
  source: z.string(),
  holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  workdays: z.array(z.object({ date: z.string(), name: z.string() })),
});

export const budgetYearSchema = describes<BudgetYearView>()(
  z
    .object({
      year: z.number().int(),
      ...cycle.shape,
      origin: z.enum(['budget_office', 'file']).meta({ description: 'file: the shipped default, never changed' }),
      version: z.number().int().meta({ description: 'The stream’s version (0: the file’s); send it as If-Match' }),
      history: z.array(change(cycle)).meta({ description: 'Every change, oldest first: who, when, to what' }),
    })
    .meta({ id: 'BudgetYear' }),
);

export const calendarYearViewSchema = describes<CalendarYearView>()(
  z
    .object({
      year: z.number().int(),
      ...days.shape,
      entered: z.boolean().meta({ description: 'false: no holidays entered, working days count Monday to Friday' }),
      origin: z.enum(['budget_office', 'file', 'none']),
      version: z.number().int(),
      history: z.array(change(days)),
    })
    .meta({ id: 'CalendarYear' }),
);
