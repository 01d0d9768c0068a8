import { calendarMissing, localDateOf, WorkingCalendar, type HolidayYear, type LocalDate } from './working-days.js';
import { say } from '@app/platform/messages';

/** One budget year's cycle: when units must have submitted, and each review stage's time limit. */
export interface BudgetCycle {
  budgetYear: number;
  /** The units' submission deadline (24:00 of that day). */
  submissionDeadline: LocalDate;
  /** From how many calendar days before the deadline units get the daily list of what they have not submitted. */
  submissionReminderDays: number;
  /** Working days each review stage has, by stage name. */
  stageLimits: Readonly<Record<string, number>>;
}

/** The public holidays of the calendar years known and the cycles of the budget years served. */
export class BudgetCalendar {
  readonly working: WorkingCalendar;
  private readonly cycles: ReadonlyMap<number, BudgetCycle>;

  constructor(holidays: readonly HolidayYear[], cycles: readonly BudgetCycle[]) {
    this.working = new WorkingCalendar(holidays);
    this.cycles = new Map(cycles.map((c) => [c.budgetYear, c]));
  }

  budgetYears(): number[] {
    return [...this.cycles.keys()].sort();
  }

  cycle(budgetYear: number): BudgetCycle {
    const cycle = this.cycles.get(budgetYear);
    if (!cycle) throw calendarMissing(budgetYear, say('calendar.noStageLimits'));
    return cycle;
  }

  /** When a stage of a declaration of `budgetYear`, entered at `enteredAt`, is due. */
  stageDueAt(stage: string, enteredAt: Date, budgetYear: number): Date {
    const limit = this.cycle(budgetYear).stageLimits[stage];
    if (limit === undefined) throw new Error(`no time limit for stage ${stage}`);
    return this.working.dueAfter(enteredAt, limit);
  }

  /** The budget years whose submission deadline is at most their reminder window ahead of `now`. */
  submissionDeadlinesNear(now: Date): BudgetCycle[] {
    const today = localDateOf(now);
    return [...this.cycles.values()].filter((cycle) => {
      const daysLeft = (Date.parse(cycle.submissionDeadline) - Date.parse(today)) / 86_400_000;
      return daysLeft >= 0 && daysLeft <= cycle.submissionReminderDays;
    });
  }
}
