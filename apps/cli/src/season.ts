import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { checkedYear, SeasonSettings } from '@app/calendar';
import type { AppConfig } from '@app/config';
import { PostgresEventStore, loadKeyRing } from '@app/event-store';
import { Authentication } from '@app/identity';
import type { Actor } from '@app/identity/roles';
import { AppError, say } from '@app/platform';
import { fail, withDatabase } from './database.js';

export const SEASON_USAGE = `season (what the budget office sets; the same as GET/PUT /admin/budget-years/:year and /admin/calendars/:year):
  npm run cli -- season show <year>
    budget year <year>'s cycle and calendar year <year>'s holidays as they apply now (JSON), with
    every change: who, when, to what
  npm run cli -- season budget-year <year> <file.json> [--as <username>]
    set the cycle: {"submissionDeadline": "2026-11-20", "submissionReminderDays": 10,
    "stageLimits": {"departmental_review": 5, "bureau_signoff": 3, "finance_confirmation": 10}}
  npm run cli -- season calendar <year> <file.json> [--as <username>]
    enter the holidays: {"source": "<the State Council's notice>", "holidays": [{"name", "from", "to"}],
    "workdays": [{"date", "name"}]}
  --as: an admin or budget_officer to act as (default: the first active admin); the change is an
  event in their name. It applies to stages entered from then on, in every running process.`;

/** `season …`: prints the year's settings (JSON) on stdout after a change, or when shown. */
export async function season(
  config: AppConfig,
  args: string[],
  out: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> {
  let parsed: { values: { as?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { as: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    return fail((error as Error).message, [SEASON_USAGE], 64);
  }
  const [subcommand, yearText, path] = parsed.positionals;
  const arity = subcommand === 'show' ? 2 : 3;
  if (!['show', 'budget-year', 'calendar'].includes(subcommand ?? '') || parsed.positionals.length !== arity) {
    return fail(
      `season: expected show <year>, budget-year <year> <file> or calendar <year> <file>`,
      [SEASON_USAGE],
      64,
    );
  }
  let body: unknown;
  if (path !== undefined) {
    try {
      body = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      return fail(`cannot read ${path}: ${(error as Error).message}`, [], 66);
    }
  }
  await withDatabase(config, async (db) => {
    const year = checkedYear(yearText!);
    const settings = new SeasonSettings(config, new PostgresEventStore(db, loadKeyRing(config)), db);
    if (subcommand === 'show') {
      const [budgetYear, calendar] = await Promise.all([
        settings.budgetYear(year).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
          throw error;
        }),
        settings.calendarYear(year),
      ]);
      return out(`${JSON.stringify({ budgetYear, calendar }, null, 2)}\n`);
    }
    const actor = await actorFor(db, parsed.values.as);
    const view =
      subcommand === 'budget-year'
        ? await settings.setBudgetYear(actor, year, body, null)
        : await settings.setCalendarYear(actor, year, body, null);
    process.stderr.write(`set ${subcommand} ${year}: version ${view.version}\n`);
    out(`${JSON.stringify(view, null, 2)}\n`);
  });
}

/** The named active admin or budget officer, or the first active admin. */
async function actorFor(db: DataSource, username: string | undefined): Promise<Actor> {
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM users WHERE active AND ($1::text IS NULL AND role = 'admin' OR lower(username) = lower($1))
     ORDER BY created_at LIMIT 1`,
    [username ?? null],
  );
  const caller = rows[0] ? await new Authentication(db).findCaller(rows[0].id) : null;
  if (!caller) {
    throw new AppError(
      'NOT_FOUND',
      username === undefined ? say('season.noAdmin') : say('user.notActive', { username }),
    );
  }
  if (caller.actor.role !== 'admin' && caller.actor.role !== 'budget_officer') {
    const role = say(`role.${caller.actor.role}`);
    throw new AppError('FORBIDDEN', say('season.notAllowed', { username: caller.username, role }));
  }
  return caller.actor;
}
