import { Injectable, Optional } from '@nestjs/common';
import {
  CommandHandler,
  EventStore,
  FoldedStreams,
  type Handled,
  type NewStream,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamCommand,
  type StreamState,
  StreamNotFoundError,
} from '@app/event-store';
import { AppError, atVersion, UnreadableEventError, say } from '@app/platform';
import { ProjectionWakeUp } from '@app/projections';
import { declarationStreamId, evolve, type Declaration, type DeclarationEvent } from './domain/index.js';

export interface LoadedDeclaration {
  state: Declaration;
  /** The stream version: the ETag clients send back in If-Match. */
  version: number;
  events: StoredEvent<DeclarationEvent['type'], DeclarationEvent['data']>[];
}

/** The state after the events up to a version or a moment, without the events. */
export type DeclarationAt = StreamState<Declaration>;

/**
 * A declaration whose log holds an event the workflow cannot apply (written around the service)
 * is shown to nobody as if it were whole: 503 DECLARATION_UNREADABLE, naming the event, until an
 * operator has looked. Its read-model rows stay parked (see libs/projections).
 */
function readable<T>(read: () => T): T {
  const fail = (error: unknown): never => {
    if (!(error instanceof UnreadableEventError)) throw error;
    throw new AppError('DECLARATION_UNREADABLE', undefined, [], {
      streamVersion: error.streamVersion ?? null,
      reason: error.message,
    });
  };
  try {
    const result = read();
    return result instanceof Promise ? (result.catch(fail) as T) : result;
  } catch (error) {
    return fail(error);
  }
}

/** A declaration's events in the log, its state folded from them, and the one way to change it. */
@Injectable()
export class DeclarationStream {
  private readonly folded: FoldedStreams<Declaration, DeclarationEvent>;
  private readonly commands: CommandHandler<Declaration, DeclarationEvent>;

  constructor(
    private readonly store: EventStore,
    // Absent where no queue is wired (the CLI): the worker's periodic catch-up covers it.
    @Optional() wakeUp?: ProjectionWakeUp,
  ) {
    this.folded = new FoldedStreams(store, evolve);
    this.commands = new CommandHandler(store, this.folded, () => wakeUp?.afterAppend());
  }

  /** Every event up to a version or a moment, and the state folded from them. */
  async load(declarationId: string, options?: ReadStreamOptions): Promise<LoadedDeclaration | null> {
    const events = (await this.store.readStream(
      declarationStreamId(declarationId),
      options,
    )) as LoadedDeclaration['events'];
    const state = readable(() =>
      events.reduce<Declaration | null>(
        (s, e) => atVersion(e.streamVersion, () => evolve(s, e as DeclarationEvent)),
        null,
      ),
    );
    if (!state) return null;
    return { state, version: events.at(-1)!.streamVersion, events };
  }

  /** What load() folds, from the nearest state this process folded before (see FoldedStreams). */
  stateAt(declarationId: string, options: Omit<ReadStreamOptions, 'afterVersion'> = {}): Promise<DeclarationAt | null> {
    return readable(() => this.folded.stateAt(declarationStreamId(declarationId), options));
  }

  /** Load, check the version the caller saw, decide, append: the one path of every change. */
  async handle(
    declarationId: string,
    command: Omit<StreamCommand<Declaration, DeclarationEvent>, 'streamId'>,
  ): Promise<Handled<Declaration>> {
    try {
      return await readable(() => this.commands.handle({ ...command, streamId: declarationStreamId(declarationId) }));
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new AppError('NOT_FOUND', say('declaration.notFound'));
      throw error;
    }
  }

  /** New declarations in one transaction (an import's forms). */
  handleNew(
    drafts: readonly (Omit<NewStream<DeclarationEvent>, 'streamId'> & { declarationId: string })[],
  ): Promise<Handled<Declaration>[]> {
    return this.commands.handleNew(
      drafts.map(({ declarationId, ...draft }) => ({ ...draft, streamId: declarationStreamId(declarationId) })),
    );
  }
}
