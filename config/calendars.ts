import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `config/calendars/<year>.json`: the public holidays and 调休 of calendar year <year> (from the
 * State Council's notice) and the declaration cycle of budget year <year>. Read and checked once
 * at boot: a budget year the service serves without a valid file stops the process.
 */
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2025-10-01')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: 'not a real date',
    },
  );
const stageLimit = z.number().int().min(1).max(60);

/** Calendar year <year>'s holidays and 调休, as the State Council's notice (`source`) gives them. */
export const holidaysSchema = z
  .array(z.strictObject({ name: z.string().min(1).max(100), from: localDate, to: localDate }))
  .max(60);
export const workdaysSchema = z.array(z.strictObject({ date: localDate, name: z.string().min(1).max(100) })).max(30);
export const holidaySourceSchema = z.string().min(1).max(500);

/** Budget year <year>'s cycle: the units' deadline, the reminder window, each stage's working days. */
export const budgetCycleSchema = z.strictObject({
  submissionDeadline: localDate,
  submissionReminderDays: z.number().int().min(0).max(60),
  stageLimits: z.strictObject({
    departmental_review: stageLimit,
    bureau_signoff: stageLimit,
    finance_confirmation: stageLimit,
  }),
});
export type BudgetCycleSettings = z.infer<typeof budgetCycleSchema>;

/** A calendar year's days off and days worked, and the notice they come from. */
export const calendarYearSchema = z.strictObject({
  source: holidaySourceSchema,
  holidays: holidaysSchema,
  workdays: workdaysSchema,
});
export type CalendarYearSettings = z.infer<typeof calendarYearSchema>;

/**
 * A file without `holidays`, `workdays` and `source` serves the budget year while calendar year
 * <year>'s holidays are not published: they count Monday to Friday until entered.
 */
const calendarFileSchema = z.strictObject({
  description: z.string().optional(),
  source: holidaySourceSchema.optional(),
  year: z.number().int().min(2000).max(2100),
  holidays: holidaysSchema.optional(),
  workdays: workdaysSchema.optional(),
  budgetCycle: budgetCycleSchema,
});
export type CalendarFile = z.infer<typeof calendarFileSchema>;

export interface Calendars {
  directory: string;
  /** The budget years the service must serve: each has a file. */
  budgetYears: number[];
  /** Every file of the directory, checked. */
  files: CalendarFile[];
}

/** Every `<year>.json` in the directory, checked; problems name the file. */
export function loadCalendars(directory: string, budgetYears: readonly number[]): Calendars | { problems: string[] } {
  const problems: string[] = [];
  const files: CalendarFile[] = [];
  const names = existsSync(directory) ? readdirSync(directory).filter((f) => /^\d{4}\.json$/.test(f)) : [];
  for (const year of budgetYears) {
    if (!names.includes(`${year}.json`)) {
      problems.push(`BUDGET_YEARS: no calendar for ${year}: ${join(directory, `${year}.json`)} is missing`);
    }
  }
  for (const name of names.sort()) {
    const path = join(directory, name);
    const checked = checkFile(readJson(path), Number(name.slice(0, 4)));
    if ('problems' in checked) problems.push(...checked.problems.map((p) => `CALENDARS_DIR: ${path}: ${p}`));
    else files.push(checked.file);
  }
  return problems.length > 0 ? { problems } : { directory, budgetYears: [...budgetYears], files };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
}

function checkFile(raw: unknown, year: number): { file: CalendarFile } | { problems: string[] } {
  const parsed = calendarFileSchema.safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
  }
  const problems = consistencyProblems(parsed.data, year);
  return problems.length > 0 ? { problems } : { file: parsed.data };
}

/** What the schema cannot say, for a file: its name, its year and its dates. */
function consistencyProblems(file: CalendarFile, year: number): string[] {
  const problems: string[] = [];
  if (file.year !== year) problems.push(`year: ${file.year} in a file named ${year}.json`);
  const entered = [file.source, file.holidays, file.workdays].filter((part) => part !== undefined).length;
  if (entered !== 0 && entered !== 3)
    problems.push('source, holidays, workdays: give all three, or none while unpublished');
  const calendar = { source: file.source ?? '', holidays: file.holidays ?? [], workdays: file.workdays ?? [] };
  for (const { path, message } of [
    ...calendarYearProblems(file.year, calendar),
    ...budgetCycleProblems(file.year, file.budgetCycle),
  ]) {
    problems.push(`${path}: ${message}`);
  }
  return problems;
}

/**
 * A problem the schema cannot see: the path of its field (`holidays.2.from`), a stable code with
 * its parameters (the API says it in the reader's language), and the English for the boot log.
 */
export interface SettingsProblem {
  path: string;
  code: 'NOT_IN_YEAR' | 'FROM_AFTER_TO' | 'WORKDAY_ON_WEEKDAY' | 'WORKDAY_IS_HOLIDAY' | 'DEADLINE_OUTSIDE_RUNUP';
  params: Record<string, string | number>;
  message: string;
}

/** The dates belong to the year, a range runs forwards, and a 调休 day is a weekend day that is no holiday. */
export function calendarYearProblems(year: number, calendar: CalendarYearSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const inYear = (date: string) => date.startsWith(`${year}-`);
  calendar.holidays.forEach(({ from, to }, i) => {
    if (!inYear(from) || !inYear(to)) {
      const date = `${from}…${to}`;
      problems.push({
        path: `holidays.${i}`,
        code: 'NOT_IN_YEAR',
        params: { date, year },
        message: `${date} is not in ${year}`,
      });
    }
    if (from > to) {
      problems.push({
        path: `holidays.${i}.from`,
        code: 'FROM_AFTER_TO',
        params: {},
        message: `from ${from} is after to ${to}`,
      });
    }
  });
  calendar.workdays.forEach(({ date }, i) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const path = `workdays.${i}.date`;
    if (!inYear(date))
      problems.push({ path, code: 'NOT_IN_YEAR', params: { date, year }, message: `${date} is not in ${year}` });
    if (weekday !== 0 && weekday !== 6) {
      problems.push({
        path,
        code: 'WORKDAY_ON_WEEKDAY',
        params: { date },
        message: `${date} is a weekday, a working day anyway`,
      });
    }
    if (calendar.holidays.some((h) => h.from <= date && date <= h.to)) {
      problems.push({ path, code: 'WORKDAY_IS_HOLIDAY', params: { date }, message: `${date} is also a holiday` });
    }
  });
  return problems;
}

/** Budget year <year>'s units submit in the year before it or in it (2025's deadline: 2024-10-31). */
export function budgetCycleProblems(year: number, cycle: BudgetCycleSettings): SettingsProblem[] {
  const date = cycle.submissionDeadline;
  const deadlineYear = Number(date.slice(0, 4));
  return deadlineYear === year - 1 || deadlineYear === year
    ? []
    : [
        {
          path: 'submissionDeadline',
          code: 'DEADLINE_OUTSIDE_RUNUP',
          params: { date, year, previous: year - 1 },
          message: `${date} is not in the run-up to budget year ${year} (${year - 1} or ${year})`,
        },
      ];
}
