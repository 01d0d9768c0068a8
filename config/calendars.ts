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

const calendarFileSchema = z.strictObject({
  description: z.string().optional(),
  source: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(z.strictObject({ name: z.string().min(1), from: localDate, to: localDate })),
  workdays: z.array(z.strictObject({ date: localDate, name: z.string().min(1) })),
  budgetCycle: z.strictObject({
    submissionDeadline: localDate,
    submissionReminderDays: z.number().int().min(0).max(60),
    stageLimits: z.strictObject({
      departmental_review: stageLimit,
      bureau_signoff: stageLimit,
      finance_confirmation: stageLimit,
    }),
  }),
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

/** What the schema cannot say: the dates belong to the year, and a 调休 day is a weekend day off no more. */
function consistencyProblems(file: CalendarFile, year: number): string[] {
  const problems: string[] = [];
  if (file.year !== year) problems.push(`year: ${file.year} in a file named ${year}.json`);
  const inYear = (date: string) => date.startsWith(`${file.year}-`);
  file.holidays.forEach(({ from, to }, i) => {
    if (!inYear(from) || !inYear(to)) problems.push(`holidays.${i}: ${from}…${to} is not in ${file.year}`);
    if (from > to) problems.push(`holidays.${i}: from ${from} is after to ${to}`);
  });
  file.workdays.forEach(({ date }, i) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (!inYear(date)) problems.push(`workdays.${i}: ${date} is not in ${file.year}`);
    if (weekday !== 0 && weekday !== 6) problems.push(`workdays.${i}: ${date} is a weekday, a working day anyway`);
    if (file.holidays.some((h) => h.from <= date && date <= h.to)) {
      problems.push(`workdays.${i}: ${date} is also a holiday`);
    }
  });
  return problems;
}
