import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Organisations, type Unit } from '@app/identity';
import { AppError, Clock, IdGenerator, say } from '@app/platform';
import { DeclarationStream } from '../declaration-stream.js';
import type { Actor } from '@app/identity/roles';
import { decide, type DeclarationEvent, type DraftContent, type Origin } from '../domain/index.js';
import { RuleSets } from '../rule-sets.js';
import { idempotencyOf, metadataOf, resultOf, type CommandResult, type Envelope } from './mutation.js';

/** A new declaration, typed in or imported, in the unit of a preparer (or the one an admin names). */
export class DraftDeclaration extends Command<CommandResult> {
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

/**
 * Many new declarations in one transaction: an import's forms. Each is decided exactly as a
 * DraftDeclaration; a repeat of one (its command id) appends nothing and names the declaration
 * it made the first time.
 */
export class DraftDeclarations extends Command<CommandResult[]> {
  constructor(readonly drafts: readonly DraftDeclaration[]) {
    super();
  }
}

/** Decides drafts, for one at a time or many in one transaction. */
@Injectable()
export class Drafting {
  constructor(
    private readonly organisations: Organisations,
    private readonly rules: RuleSets,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  newId(): string {
    return this.ids.next();
  }

  /** The events of declaration `declarationId`'s new stream; its unit is looked up in `units` first. */
  async decide(
    { actor, unitId, content, origin }: DraftDeclaration,
    declarationId: string,
    units: Map<string, Promise<Unit | null>> = new Map(),
  ): Promise<DeclarationEvent[]> {
    if (!units.has(unitId)) units.set(unitId, this.organisations.findUnit(unitId));
    const unit = await units.get(unitId)!;
    if (!unit)
      throw new AppError('VALIDATION_FAILED', say('unit.unknown'), [
        { path: 'unit', code: 'UNKNOWN_UNIT', message: say('field.UNKNOWN_UNIT', { unit: unitId }) },
      ]);
    const command = {
      type: 'DraftDeclaration' as const,
      declarationId,
      unitId,
      departmentId: unit.departmentId,
      content,
      origin,
    };
    const context = { actor, now: this.clock.now(), newId: () => this.ids.next() };
    return decide(command, null, context, this.rules.forYear(content.year));
  }
}

@CommandHandler(DraftDeclaration)
export class DraftDeclarationHandler implements ICommandHandler<DraftDeclaration> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly drafting: Drafting,
  ) {}

  async execute(command: DraftDeclaration): Promise<CommandResult> {
    const { actor, envelope } = command;
    const declarationId = this.drafting.newId();
    const handled = await this.stream.handle(declarationId, {
      expectedVersion: 'no_stream',
      decide: () => this.drafting.decide(command, declarationId),
      metadata: metadataOf(actor, envelope),
      idempotency: idempotencyOf(actor, envelope),
    });
    return resultOf(handled);
  }
}

@CommandHandler(DraftDeclarations)
export class DraftDeclarationsHandler implements ICommandHandler<DraftDeclarations> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly drafting: Drafting,
    private readonly organisations: Organisations,
  ) {}

  async execute({ drafts }: DraftDeclarations): Promise<CommandResult[]> {
    // Each unit is looked up once, and all of them at once.
    const units = new Map<string, Promise<Unit | null>>();
    for (const { unitId } of drafts) {
      if (units.has(unitId)) continue;
      const unit = this.organisations.findUnit(unitId);
      unit.catch(() => undefined); // awaited later, in order: not an unhandled rejection meanwhile
      units.set(unitId, unit);
    }
    const decided = [];
    for (const draft of drafts) {
      const declarationId = this.drafting.newId();
      decided.push({
        declarationId,
        events: await this.drafting.decide(draft, declarationId, units),
        metadata: metadataOf(draft.actor, draft.envelope),
        idempotency: idempotencyOf(draft.actor, draft.envelope),
      });
    }
    return (await this.stream.handleNew(decided)).map(resultOf);
  }
}
