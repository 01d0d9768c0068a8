import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BudgetCalendar } from '@app/calendar';
import { AppError, Clock, IdGenerator } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { DeclarationStream } from '../declaration-stream.js';
import { DeclarationViews } from '../declaration-view.js';
import { decide, evolve, type DeclarationCommand } from '../domain/index.js';
import { RuleSets } from '../rule-sets.js';
import { mayRead } from '../visibility.js';
import { commandIdOf, metadataOf, resultOf, type Envelope, type MutationResult } from './mutation.js';

export type Change = Exclude<DeclarationCommand, { type: 'DraftDeclaration' }>;

/**
 * Any change to an existing declaration: an edit or a workflow action. The caller must say which
 * version they saw (If-Match); a stale one is refused, never merged.
 */
export class ChangeDeclaration extends Command<MutationResult> {
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
    private readonly views: DeclarationViews,
    private readonly rules: RuleSets,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly calendar: BudgetCalendar,
  ) {}

  async execute({
    actor,
    declarationId,
    change,
    expectedVersion,
    envelope,
  }: ChangeDeclaration): Promise<MutationResult> {
    const commandId = commandIdOf(actor, envelope);
    const earlier = commandId ? await this.stream.findCommand(commandId, envelope.idempotency!.fingerprint) : null;
    if (earlier) return resultOf(earlier, earlier.outcome as MutationResult);

    const loaded = await this.stream.load(declarationId);
    if (!loaded || !mayRead(actor, loaded.state)) throw new AppError('NOT_FOUND', 'Declaration not found');
    if (expectedVersion === null) {
      throw new AppError('PRECONDITION_REQUIRED', 'Send If-Match with the version you are changing (the ETag)');
    }
    if (expectedVersion !== loaded.version) {
      throw new AppError(
        'VERSION_MISMATCH',
        'The declaration was changed by someone else; reload it and try again',
        [],
        {
          currentVersion: loaded.version,
        },
      );
    }
    const context = {
      actor,
      now: this.clock.now(),
      newId: () => this.ids.next(),
      // A year without a calendar throws CALENDAR_MISSING: a stage never silently goes without a deadline.
      dueAt: (stage: string, enteredAt: Date, year: number) => this.calendar.stageDueAt(stage, enteredAt, year),
    };
    const events = decide(change, loaded.state, context, this.rules.forYear(loaded.state.content.year));
    const after = events.reduce(evolve, loaded.state);
    const version = loaded.version + events.length;
    const outcome = { status: 200 as const, body: await this.views.of(after, version), version };
    if (events.length === 0) return { ...outcome, position: null, replayed: false };
    const appended = await this.stream.append(
      declarationId,
      loaded.version,
      events,
      metadataOf(actor, envelope),
      commandId ? { commandId, fingerprint: envelope.idempotency!.fingerprint, outcome } : undefined,
    );
    return resultOf(appended, outcome);
  }
}
