import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { formatCheckpoint, type EventMetadata } from '@app/event-store';
import { Organisations, type Unit } from '@app/identity';
import { AppError, Clock, IdGenerator } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { DeclarationStream } from '../declaration-stream.js';
import { DeclarationViews } from '../declaration-view.js';
import { decide, fold, type DeclarationEvent, type DraftContent, type Origin } from '../domain/index.js';
import { declarationIdOf } from '../domain/stream-id.js';
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

/**
 * Many new declarations in one transaction: an import's forms. Each is decided exactly as a
 * DraftDeclaration; a repeat of one (its command id) appends nothing and names the declaration
 * it made the first time. It answers ids, not bodies: nobody reads an import's forms back from
 * the command record, so none is stored with it.
 */
export class DraftDeclarations extends Command<DraftedDeclaration[]> {
  constructor(readonly drafts: readonly DraftDeclaration[]) {
    super();
  }
}

export interface DraftedDeclaration {
  declarationId: string;
  /** True when this repeats an earlier command: nothing was written this time. */
  replayed: boolean;
  position: string;
}

type Outcome = Omit<MutationResult, 'position' | 'replayed'>;

/** A decided draft: the events of its new stream and how its append is recorded. Writes nothing. */
interface Drafted {
  declarationId: string;
  events: DeclarationEvent[];
  metadata: EventMetadata;
  commandId: string | undefined;
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

  async decide(
    { actor, unitId, content, origin, envelope }: DraftDeclaration,
    units: Map<string, Promise<Unit | null>> = new Map(),
  ): Promise<Drafted> {
    if (!units.has(unitId)) units.set(unitId, this.organisations.findUnit(unitId));
    const unit = await units.get(unitId)!;
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
    return { declarationId, events, metadata: metadataOf(actor, envelope), commandId: commandIdOf(actor, envelope) };
  }
}

@CommandHandler(DraftDeclaration)
export class DraftDeclarationHandler implements ICommandHandler<DraftDeclaration> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly drafting: Drafting,
    private readonly views: DeclarationViews,
  ) {}

  async execute(command: DraftDeclaration): Promise<MutationResult> {
    const fingerprint = command.envelope.idempotency?.fingerprint;
    const commandId = commandIdOf(command.actor, command.envelope);
    const earlier = commandId ? await this.stream.findCommand(commandId, fingerprint!) : null;
    if (earlier) return resultOf(earlier, earlier.outcome as Outcome);
    const { declarationId, events, metadata } = await this.drafting.decide(command);
    const outcome = {
      status: 201 as const,
      body: await this.views.of(fold(events)!, events.length),
      version: events.length,
    };
    const idempotency = commandId ? { commandId, fingerprint: fingerprint!, outcome } : undefined;
    const appended = await this.stream.append(declarationId, 'no_stream', events, metadata, idempotency);
    return resultOf(appended, outcome);
  }
}

@CommandHandler(DraftDeclarations)
export class DraftDeclarationsHandler implements ICommandHandler<DraftDeclarations> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly drafting: Drafting,
    private readonly organisations: Organisations,
  ) {}

  async execute({ drafts }: DraftDeclarations): Promise<DraftedDeclaration[]> {
    // Each unit is looked up once, and all of them at once.
    const units = new Map<string, Promise<Unit | null>>();
    for (const { unitId } of drafts) {
      if (units.has(unitId)) continue;
      const unit = this.organisations.findUnit(unitId);
      unit.catch(() => undefined); // awaited later, in order: not an unhandled rejection meanwhile
      units.set(unitId, unit);
    }
    const decided: Drafted[] = [];
    for (const draft of drafts) decided.push(await this.drafting.decide(draft, units));
    const appended = await this.stream.appendNew(
      decided.map(({ declarationId, events, metadata, commandId }, at) => ({
        declarationId,
        events,
        metadata,
        idempotency: commandId ? { commandId, fingerprint: drafts[at]!.envelope.idempotency!.fingerprint } : undefined,
      })),
    );
    return appended.map((result) => ({
      declarationId: declarationIdOf(result.streamId)!,
      replayed: result.duplicate,
      position: formatCheckpoint(result.position),
    }));
  }
}
