import { Injectable, Optional } from '@nestjs/common';
import {
  EventStore,
  type AppendResult,
  type EventMetadata,
  type ReadStreamOptions,
  type StoredEvent,
} from '@app/event-store';
import { ProjectionWakeUp } from '@app/projections';
import { fold, type Declaration, type DeclarationEvent } from './domain/index.js';

export const streamOf = (declarationId: string): string => `declaration-${declarationId}`;

export interface LoadedDeclaration {
  state: Declaration;
  /** The stream version: the ETag clients send back in If-Match. */
  version: number;
  events: StoredEvent<DeclarationEvent['type'], DeclarationEvent['data']>[];
}

/** A declaration's events in the log, and its state folded from them. */
@Injectable()
export class DeclarationStream {
  constructor(
    private readonly store: EventStore,
    // Absent where no queue is wired (the CLI): the worker's periodic catch-up covers it.
    @Optional() private readonly wakeUp?: ProjectionWakeUp,
  ) {}

  async load(declarationId: string, options?: ReadStreamOptions): Promise<LoadedDeclaration | null> {
    const events = (await this.store.readStream(streamOf(declarationId), options)) as LoadedDeclaration['events'];
    const state = fold(events.map(({ type, data }) => ({ type, data }) as DeclarationEvent));
    if (!state) return null;
    return { state, version: events.at(-1)!.streamVersion, events };
  }

  async append(
    declarationId: string,
    expected: number | 'no_stream',
    events: readonly DeclarationEvent[],
    metadata: EventMetadata,
    idempotency?: { commandId: string; fingerprint: string; outcome: unknown },
  ): Promise<AppendResult> {
    const result = await this.store.append(streamOf(declarationId), expected, events, metadata, idempotency);
    if (!result.duplicate) this.wakeUp?.afterAppend();
    return result;
  }

  /** New declarations in one transaction (an import's forms); a repeated command appends nothing. */
  async appendNew(
    drafts: readonly {
      declarationId: string;
      events: readonly DeclarationEvent[];
      metadata: EventMetadata;
      idempotency?: { commandId: string; fingerprint: string };
    }[],
  ): Promise<AppendResult[]> {
    const results = await this.store.appendMany(
      drafts.map(({ declarationId, events, metadata, idempotency }) => ({
        streamId: streamOf(declarationId),
        expectedVersion: 'no_stream' as const,
        events,
        metadata,
        idempotency,
      })),
    );
    if (results.some((r) => !r.duplicate)) this.wakeUp?.afterAppend();
    return results;
  }

  findCommand(commandId: string, fingerprint: string): Promise<AppendResult | null> {
    return this.store.findCommand(commandId, fingerprint);
  }
}
