import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CurrentCalendar, localDateOf, type BudgetCalendar } from '@app/calendar';
import { mayReviewSql, type Stage } from '@app/declarations';
import { Names } from '@app/identity';
import { NoticeLog } from '@app/notices';
import { AppError, Clock } from '@app/platform';
import { holidaysMissingMessage, overdueDigestMessage, submissionDueMessage } from './messages.js';
import { Recipients } from './recipients.js';

export interface DigestReport {
  day: string;
  skipped: boolean;
  submissionReminders: number;
  overdueDigests: number;
  /** To admins and budget officers while a budget year's calendar year has no holidays entered. */
  holidayWarnings: number;
}

interface DraftRow {
  declaration_id: string;
  unit_id: string;
  project_name: string;
}

interface OverdueRow {
  declaration_id: string;
  user_id: string;
  email: string | null;
  project_name: string;
  unit_id: string;
  state: Stage;
  due_at: Date;
}

// Whoever may act at the stage, by the workflow's guards (as the inbox's to-do queue has it).
const OVERDUE_FOR_REVIEWERS = `
  SELECT l.declaration_id, r.id::text AS user_id, r.email, l.project_name, l.unit_id, l.state, l.due_at
    FROM declaration_list l
    JOIN users r ON r.active
     AND ${mayReviewSql({ userId: 'r.id::text', role: 'r.role', departmentId: 'r.department_id' })}
   WHERE l.due_at < $1
   ORDER BY r.id, l.due_at, l.project_name`;

/**
 * The daily job, from the read model (a list is never folded from streams): each unit's
 * preparers the declarations not yet submitted while a budget year's deadline nears, each
 * reviewer their overdue items. One notice per person per day, whoever runs the job how often.
 */
@Injectable()
export class Digests {
  private readonly logger = new Logger('Digests');

  constructor(
    private readonly db: DataSource,
    private readonly calendars: CurrentCalendar,
    private readonly recipients: Recipients,
    private readonly names: Names,
    private readonly log: NoticeLog,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<DigestReport> {
    const now = this.clock.now();
    const day = localDateOf(now);
    const calendar = await this.calendars.calendar();
    if (!this.isWorkingDay(calendar, day)) {
      return { day, skipped: true, submissionReminders: 0, overdueDigests: 0, holidayWarnings: 0 };
    }
    let submissionReminders = 0;
    for (const cycle of calendar.submissionDeadlinesNear(now)) {
      submissionReminders += await this.submissionDue(day, cycle.budgetYear, cycle.submissionDeadline);
    }
    const overdueDigests = await this.overdue(day, now);
    return {
      day,
      skipped: false,
      submissionReminders,
      overdueDigests,
      holidayWarnings: await this.holidays(day, calendar),
    };
  }

  /** Each budget year served whose calendar year's holidays are not entered, told daily until they are. */
  private async holidays(day: string, calendar: BudgetCalendar): Promise<number> {
    const known = new Set(calendar.working.years());
    const missing = calendar.budgetYears().filter((year) => !known.has(year) && `${year}-12-31` >= day);
    if (missing.length === 0) return 0;
    const message = holidaysMissingMessage(missing);
    let sent = 0;
    for (const role of ['admin', 'budget_officer'] as const) {
      for (const person of await this.recipients.active(role, null)) {
        sent += await this.send(`holidays-missing:${day}:${person.userId}`, 'holidays-missing', person, message, []);
      }
    }
    return sent;
  }

  /** Holidays are days off; a year without a calendar is sent anyway (and said so). */
  private isWorkingDay(calendar: BudgetCalendar, day: string): boolean {
    try {
      return calendar.working.isWorkingDay(day);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'CALENDAR_MISSING') throw error;
      this.logger.warn(`${error.message}; sending the digests anyway`);
      return true;
    }
  }

  private async submissionDue(day: string, budgetYear: number, deadline: string): Promise<number> {
    const rows = await this.db.query<DraftRow[]>(
      `SELECT l.declaration_id, l.unit_id, l.project_name FROM declaration_list l
        WHERE l.year = $1 AND l.state = 'draft' ORDER BY l.unit_id, l.project_name`,
      [budgetYear],
    );
    const names = await this.names.of({ units: rows.map((r) => r.unit_id) });
    let sent = 0;
    for (const [unitId, drafts] of groupBy(rows, (r) => r.unit_id)) {
      const message = submissionDueMessage(
        names.unit(unitId) ?? unitId,
        budgetYear,
        deadline,
        drafts.map((d) => d.project_name),
      );
      for (const person of await this.recipients.preparersOf(unitId)) {
        const key = `submission-due:${budgetYear}:${day}:${unitId}:${person.userId}`;
        sent += await this.send(
          key,
          'submission-due',
          person,
          message,
          drafts.map((d) => d.declaration_id),
        );
      }
    }
    return sent;
  }

  private async overdue(day: string, now: Date): Promise<number> {
    const rows = await this.db.query<OverdueRow[]>(OVERDUE_FOR_REVIEWERS, [now]);
    const names = await this.names.of({ units: rows.map((r) => r.unit_id) });
    let sent = 0;
    for (const [userId, items] of groupBy(rows, (r) => r.user_id)) {
      const message = overdueDigestMessage(
        items.map((r) => ({
          projectName: r.project_name,
          unitName: names.unit(r.unit_id) ?? r.unit_id,
          stage: r.state,
          dueAt: r.due_at.toISOString(),
        })),
      );
      const person = { userId, email: items[0]!.email };
      sent += await this.send(
        `overdue-digest:${day}:${userId}`,
        'overdue-digest',
        person,
        message,
        items.map((r) => r.declaration_id),
      );
    }
    return sent;
  }

  private async send(
    key: string,
    kind: string,
    person: { userId: string; email: string | null },
    message: { title: string; body: string },
    items: string[],
  ): Promise<number> {
    const result = await this.log.send({
      key,
      kind,
      recipientId: person.userId,
      recipientHasEmail: person.email !== null,
      ...message,
      declarationId: null,
      stage: null,
      dueAt: null,
      items,
    });
    return result.sent ? 1 : 0;
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
