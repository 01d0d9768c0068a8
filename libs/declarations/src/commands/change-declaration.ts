import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CurrentCalendar, type BudgetCalendar } from '@app/calendar';
import type { Actor } from '@app/identity/roles';
import { Clock, IdGenerator } from '@app/platform';
import { DeclarationStream } from '../declaration-stream.js';
import { decide, type DecisionContext, type Declaration, type DeclarationCommand } from '../domain/index.js';
import { RuleSets } from '../rule-sets.js';
import { mayRead } from '../visibility.js';
import { idempotencyOf, metadataOf, resultOf, type CommandResult, type Envelope } from './mutation.js';

export type Change = Exclude<DeclarationCommand, { type: 'DraftDeclaration' }>;

/** Thrown by `dueAt` when the calendar is not read yet (see execute). */
class CalendarNeeded extends Error {}

/**
 * Any change to an existing declaration: an edit or a workflow action. The caller must say which
 * version they saw (If-Match); a stale one is refused, never merged.
 */
export class ChangeDeclaration extends Command<CommandResult> {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
    readonly change: Change,
    readonly expectedVersion: number | null,
    readonly envelope: Envelope = {},
  ) {
    super();
  }
}

@CommandHandler(ChangeDeclaration)
export class ChangeDeclarationHandler implements ICommandHandler<ChangeDeclaration> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly rules: RuleSets,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly calendars: CurrentCalendar,
  ) {}

  async execute({
    actor,
    declarationId,
    change,
    expectedVersion,
    envelope,
  }: ChangeDeclaration): Promise<CommandResult> {
    // The settings as they stand now: a stage entered from here on is due by them (the budget office
    // may have changed them a moment ago, in another process); a stage entered before keeps its dueAt.
    // Read only by a decision that enters a stage (an edit enters none): it asks, and is decided again.
    let calendar: BudgetCalendar | undefined;
    const context: DecisionContext = {
      actor,
      now: this.clock.now(),
      newId: () => this.ids.next(),
      // A year without a calendar throws CALENDAR_MISSING: a stage never silently goes without a deadline.
      dueAt: (stage, enteredAt, year) => {
        if (!calendar) throw new CalendarNeeded();
        return calendar.stageDueAt(stage, enteredAt, year);
      },
    };
    const decideNow = (state: Declaration | null) =>
      decide(change, state, context, this.rules.forYear(state?.content.year ?? 0));
    const handled = await this.stream.handle(declarationId, {
      expectedVersion,
      mayRead: (state) => mayRead(actor, state),
      decide: async (state) => {
        try {
          return decideNow(state);
        } catch (error) {
          if (!(error instanceof CalendarNeeded)) throw error;
        }
        calendar = await this.calendars.calendar();
        return decideNow(state);
      },
      metadata: metadataOf(actor, envelope),
      idempotency: idempotencyOf(actor, envelope),
    });
    return resultOf(handled);
  }
}
