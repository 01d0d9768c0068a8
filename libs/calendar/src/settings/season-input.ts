import {
  budgetCycleProblems,
  budgetCycleSchema,
  calendarYearProblems,
  calendarYearSchema,
  type BudgetCycleSettings,
  type CalendarYearSettings,
  type SettingsProblem,
} from '@app/config';
import { AppError, hasBidiControl, isMessageKey, say, type FieldError } from '@app/platform';
import type { z } from 'zod';

/**
 * What the budget office sends for a year, checked by the very schemas and rules that check the
 * calendar files at boot (config/calendars.ts): a malformed one is a VALIDATION_FAILED naming
 * each field, as `stageLimits.bureau_signoff` or `holidays[2].from`.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** The year of a path (`/admin/budget-years/2027`): four digits in the range the files allow. */
export function checkedYear(raw: string | number): number {
  const year = typeof raw === 'number' ? raw : /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    const message = say('field.YEAR_RANGE', { minimum: FIRST_YEAR, maximum: LAST_YEAR });
    throw invalid([{ path: 'year', code: 'INVALID_VALUE', message }]);
  }
  return year;
}

export function checkedBudgetCycle(year: number, raw: unknown): BudgetCycleSettings {
  const cycle = parsed(budgetCycleSchema, raw);
  return withoutProblems(cycle, budgetCycleProblems(year, cycle));
}

export function checkedCalendarYear(year: number, raw: unknown): CalendarYearSettings {
  const calendar = parsed(calendarYearSchema, raw);
  return withoutProblems(calendar, calendarYearProblems(year, calendar));
}

function parsed<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) {
    const unstorable = unstorableText(result.data);
    if (unstorable.length > 0) throw invalid(unstorable);
    return result.data;
  }
  const errors = result.error.issues.flatMap((issue): FieldError[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: pathOf([...issue.path, key]),
          code: 'UNKNOWN_FIELD',
          message: say('field.UNKNOWN_FIELD', { field: key }),
        }))
      : [fieldError(pathOf(issue.path), codeOf(issue), boundsOf(issue))],
  );
  // A date that is neither shaped like one nor real fails twice: say it once.
  throw invalid(errors.filter((e, i) => errors.findIndex((o) => o.path === e.path && o.code === e.code) === i));
}

function withoutProblems<T>(value: T, problems: readonly SettingsProblem[]): T {
  if (problems.length === 0) return value;
  throw invalid(
    problems.map((p) => ({
      path: pathOf(p.path.split('.').map(segment)),
      code: 'INCONSISTENT',
      message: say(`field.${p.code}`, p.params),
    })),
  );
}

// Half of a UTF-16 surrogate pair (with the u flag a whole pair is one code point, outside this class).
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** Text PostgreSQL cannot store in jsonb (a NUL, a lone surrogate), or that reads other than it is (bidi overrides). */
function unstorableText(value: unknown, path: PropertyKey[] = []): FieldError[] {
  if (typeof value === 'string') {
    const bad = value.includes('\0') || LONE_SURROGATE.test(value) || hasBidiControl(value);
    return bad ? [fieldError(pathOf(path), 'INVALID_CHARACTERS', {})] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, inner]) => unstorableText(inner, [...path, key]));
}

const segment = (part: string): string | number => (/^\d+$/.test(part) ? Number(part) : part);

/** A field error in the catalogue's words (`field.<CODE>`). */
function fieldError(path: string, code: string, params: Record<string, number>): FieldError {
  const key = `field.${code}`;
  return { path, code, message: isMessageKey(key) ? say(key, params) : say('field.INVALID') };
}

function boundsOf(issue: z.core.$ZodIssue): Record<string, number> {
  if (issue.code === 'too_big') return { maximum: Number(issue.maximum) };
  if (issue.code === 'too_small') return { minimum: Number(issue.minimum) };
  return {};
}

function codeOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'REQUIRED' : 'INVALID_TYPE';
  if (issue.code === 'too_big') return 'TOO_BIG';
  if (issue.code === 'too_small') return 'TOO_SMALL';
  return 'INVALID';
}

/** `['holidays', 2, 'from']` → `holidays[2].from`, as the API names every other field. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
}

function invalid(errors: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', undefined, errors);
}
