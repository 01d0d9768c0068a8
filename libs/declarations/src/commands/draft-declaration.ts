import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Organisations } from '@app/identity';
import { AppError, Clock, IdGenerator } from '@app/platform';
import { DeclarationStream } from '../declaration-stream.js';
import { DeclarationViews } from '../declaration-view.js';
import { decide, fold, type Actor, type DraftContent, type Origin } from '../domain/index.js';
import { RuleSets } from '../rule-sets.js';
import { commandIdOf, metadataOf, resultOf, type Envelope, type MutationResult } from './mutation.js';

/** A new declaration, typed in or imported, in the unit of a preparer (or the one an admin names). */
export class DraftDeclaration extends Command<MutationResult> {
  constructor(
    readonly actor: Actor,
    readonly unitId: string,
    readonly content: DraftContent,
    readonly origin: Origin,
    readonly envelope: Envelope = {},
  ) {
    super();
  }
}

@CommandHandler(DraftDeclaration)
export class DraftDeclarationHandler implements ICommandHandler<DraftDeclaration> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly views: DeclarationViews,
    private readonly organisations: Organisations,
    private readonly rules: RuleSets,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ actor, unitId, content, origin, envelope }: DraftDeclaration): Promise<MutationResult> {
    const commandId = commandIdOf(actor, envelope);
    const earlier = commandId ? await this.stream.findCommand(commandId, envelope.idempotency!.fingerprint) : null;
    if (earlier) return resultOf(earlier, earlier.outcome as MutationResult);

    const unit = await this.organisations.findUnit(unitId);
    if (!unit)
      throw new AppError('VALIDATION_FAILED', 'Unknown unit', [
        { path: 'unit', code: 'UNKNOWN_UNIT', message: `No unit ${unitId}` },
      ]);
    const declarationId = this.ids.next();
    const command = {
      type: 'DraftDeclaration' as const,
      declarationId,
      unitId,
      departmentId: unit.departmentId,
      content,
      origin,
    };
    const context = { actor, now: this.clock.now(), newId: () => this.ids.next() };
    const events = decide(command, null, context, this.rules.forYear(content.year));
    const outcome = {
      status: 201 as const,
      body: await this.views.of(fold(events)!, events.length),
      version: events.length,
    };
    const appended = await this.stream.append(
      declarationId,
      'no_stream',
      events,
      metadataOf(actor, envelope),
      commandId ? { commandId, fingerprint: envelope.idempotency!.fingerprint, outcome } : undefined,
    );
    return resultOf(appended, outcome);
  }
}
