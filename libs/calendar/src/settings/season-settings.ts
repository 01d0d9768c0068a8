import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  budgetCycleSchema,
  calendarYearSchema,
  type BudgetCycleSettings,
  type CalendarYearSettings,
} from '@app/config';
import { ConcurrencyError, EventStore, type StoredEvent } from '@app/event-store';
import { Names } from '@app/identity';
import type { Actor } from '@app/identity/roles';
import { AppError, say } from '@app/platform';
import { BudgetCalendar, type BudgetCycle, type HolidayYear } from '../domain/index.js';
import { checkedBudgetCycle, checkedCalendarYear, FIRST_YEAR, LAST_YEAR } from './season-input.js';
import { budgetYearStream, calendarStream, SEASON_STREAM, type SeasonEvent } from './season-events.js';

/** The budget calendar that applies now: what a stage entered at this moment is due by. */
export abstract class CurrentCalendar {
  abstract calendar(): Promise<BudgetCalendar>;
}

/** A calendar that never changes (tests, and tools that run without a database). */
export class FixedCalendar extends CurrentCalendar {
  constructor(private readonly fixed: BudgetCalendar) {
    super();
  }
  calendar(): Promise<BudgetCalendar> {
    return Promise.resolve(this.fixed);
  }
}

/** Who changed a year's settings, when, and to what. */
export interface SettingsChange<T> {
  version: number;
  at: string;
  by: { id: string; username: string | null; displayName: string | null };
  role: string;
  settings: T;
}

/** Where what applies comes from: the budget office's last change, the shipped file, or nothing yet. */
export type SettingsOrigin = 'budget_office' | 'file' | 'none';

export interface BudgetYearView extends BudgetCycleSettings {
  year: number;
  origin: Exclude<SettingsOrigin, 'none'>;
  /** The stream's version (0: the file's defaults, never changed): send it back as If-Match. */
  version: number;
  history: SettingsChange<BudgetCycleSettings>[];
}

export interface CalendarYearView extends CalendarYearSettings {
  year: number;
  /** False while the year's holidays are not entered: its working days count Monday to Friday. */
  entered: boolean;
  origin: SettingsOrigin;
  version: number;
  history: SettingsChange<CalendarYearSettings>[];
}

interface LatestRow {
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
}

// The last event of each settings stream: a range over the (stream_id, stream_version) index, then
// the exact pattern (a collation may sort other ids between the bounds).
const LATEST = `
  SELECT DISTINCT ON (stream_id) stream_id, stream_version, type, data
    FROM events
   WHERE ((stream_id BETWEEN 'budget-year-${FIRST_YEAR}' AND 'budget-year-${LAST_YEAR}')
       OR (stream_id BETWEEN 'calendar-${FIRST_YEAR}' AND 'calendar-${LAST_YEAR}'))
     AND stream_id ~ '^(budget-year|calendar)-[0-9]{4}$'
   ORDER BY stream_id, stream_version DESC`;

/**
 * Each budget year's cycle and each calendar year's holidays: the files (config/calendars) are the
 * defaults, the budget office's changes in the log override them year by year. `calendar()` is a
 * small read model of the log: one indexed query for the settings streams' heads per call, the
 * calendar rebuilt only when a head moved. So a change made through any process applies to the
 * next stage entered in every process, without a restart; a stage already entered keeps the due
 * time recorded on its event.
 */
@Injectable()
export class SeasonSettings extends CurrentCalendar {
  private readonly logger = new Logger('SeasonSettings');
  private cached: { key: string; calendar: BudgetCalendar } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly store: EventStore,
    private readonly db: DataSource,
  ) {
    super();
  }

  async calendar(): Promise<BudgetCalendar> {
    const rows = await this.db.query<LatestRow[]>(LATEST);
    const key = rows.map((r) => `${r.stream_id}@${r.stream_version}`).join(',');
    if (this.cached?.key === key) return this.cached.calendar;
    const calendar = this.build(rows);
    this.cached = { key, calendar };
    return calendar;
  }

  /** Budget years whose calendar year has no holidays entered: counted Monday to Friday meanwhile. */
  async missingHolidays(): Promise<number[]> {
    const calendar = await this.calendar();
    const known = new Set(calendar.working.years());
    return calendar.budgetYears().filter((year) => !known.has(year));
  }

  async budgetYear(year: number): Promise<BudgetYearView> {
    const events = await this.store.readStream(budgetYearStream(year));
    const file = this.config.calendars.files.find((f) => f.year === year);
    const history = await this.historyOf(events, (data) => budgetCycleSchema.parse(withoutYear(data)));
    const last = history.at(-1);
    if (!last && !file) {
      throw new AppError('NOT_FOUND', say('season.noBudgetYear', { year }));
    }
    const settings = last?.settings ?? file!.budgetCycle;
    return { year, ...settings, origin: last ? 'budget_office' : 'file', version: events.length, history };
  }

  async calendarYear(year: number): Promise<CalendarYearView> {
    const events = await this.store.readStream(calendarStream(year));
    const file = this.config.calendars.files.find((f) => f.year === year && f.holidays !== undefined);
    const history = await this.historyOf(events, (data) => calendarYearSchema.parse(withoutYear(data)));
    const last = history.at(-1)?.settings;
    const fromFile = file && { source: file.source!, holidays: file.holidays!, workdays: file.workdays! };
    const settings = last ?? fromFile ?? { source: '', holidays: [], workdays: [] };
    const origin: SettingsOrigin = last ? 'budget_office' : fromFile ? 'file' : 'none';
    return { year, ...settings, entered: origin !== 'none', origin, version: events.length, history };
  }

  async setBudgetYear(actor: Actor, year: number, raw: unknown, expectedVersion: number | null) {
    const settings = checkedBudgetCycle(year, raw);
    await this.append(
      actor,
      budgetYearStream(year),
      { type: 'BudgetYearSet', data: { year, ...settings } },
      expectedVersion,
    );
    return this.budgetYear(year);
  }

  async setCalendarYear(actor: Actor, year: number, raw: unknown, expectedVersion: number | null) {
    const settings = checkedCalendarYear(year, raw);
    await this.append(
      actor,
      calendarStream(year),
      { type: 'CalendarYearSet', data: { year, ...settings } },
      expectedVersion,
    );
    return this.calendarYear(year);
  }

  private async append(actor: Actor, streamId: string, event: SeasonEvent, expectedVersion: number | null) {
    try {
      await this.store.append(
        streamId,
        expectedVersion === null ? 'any' : expectedVersion === 0 ? 'no_stream' : expectedVersion,
        [event],
        { actorId: actor.userId, role: actor.role, unit: null },
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      throw new AppError('VERSION_MISMATCH', say('season.changedMeanwhile'));
    }
  }

  private async historyOf<T>(events: readonly StoredEvent[], settingsOf: (data: unknown) => T) {
    const names = await Names.for(this.db).of({ users: events.map((e) => e.metadata.actorId) });
    return events.map((event): SettingsChange<T> => ({
      version: event.streamVersion,
      at: event.recordedAt.toISOString(),
      by: {
        id: event.metadata.actorId,
        username: names.user(event.metadata.actorId)?.username ?? null,
        displayName: names.user(event.metadata.actorId)?.displayName ?? null,
      },
      role: event.metadata.role,
      settings: settingsOf(event.data),
    }));
  }

  /** The files, overridden year by year by the last event of each settings stream. */
  private build(rows: readonly LatestRow[]): BudgetCalendar {
    const holidays = new Map<number, HolidayYear>();
    const cycles = new Map<number, BudgetCycle>();
    for (const file of this.config.calendars.files) {
      if (file.holidays && file.workdays) {
        holidays.set(file.year, { year: file.year, holidays: file.holidays, workdays: file.workdays });
      }
      cycles.set(file.year, { budgetYear: file.year, ...file.budgetCycle });
    }
    for (const row of rows) {
      const [, kind, digits] = SEASON_STREAM.exec(row.stream_id) ?? [];
      const year = Number(digits);
      const data = withoutYear(row.data);
      // An event the service cannot read (written around it) is passed over, loudly: the file's value stays.
      const parsed = kind === 'budget-year' ? budgetCycleSchema.safeParse(data) : calendarYearSchema.safeParse(data);
      if (!parsed.success) {
        this.logger.error(`${row.stream_id}@${row.stream_version}: unreadable settings, ignored`);
        continue;
      }
      if (kind === 'budget-year') cycles.set(year, { budgetYear: year, ...(parsed.data as BudgetCycleSettings) });
      else holidays.set(year, { year, ...(parsed.data as CalendarYearSettings) });
    }
    return new BudgetCalendar([...holidays.values()], [...cycles.values()]);
  }
}

function withoutYear(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const { year: _year, ...rest } = data as Record<string, unknown>;
  return rest;
}
