import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  EventStore,
  type AppendResult,
  type EventMetadata,
  type ReadStreamOptions,
  type StoredEvent,
} from '@app/event-store';
import { ProjectionWakeUp } from '@app/projections';
import { declarationStreamId, evolve, fold, type Declaration, type DeclarationEvent } from './domain/index.js';
import { FoldedStates, type FoldedState } from './queries/folded-states.js';

export interface LoadedDeclaration {
  state: Declaration;
  /** The stream version: the ETag clients send back in If-Match. */
  version: number;
  events: StoredEvent<DeclarationEvent['type'], DeclarationEvent['data']>[];
}

/** The state after the events up to a version or a moment, without the events. */
export type DeclarationAt = Omit<LoadedDeclaration, 'events'>;

/** Keep a folded state every so many versions of a long stream, to start later folds from. */
const KEEP_EVERY = 100;

/**
 * The last event a read sees: up to a version, recorded at or before a moment. `events` equals
 * `version` unless an event was recorded out of version order (an append whose transaction began
 * before the one of the version below it), which leaves a gap in what the moment sees.
 */
const LAST_SEEN = `
  SELECT seen.version, seen.events,
         (SELECT e.hash FROM events e WHERE e.stream_id = $1 AND e.stream_version = seen.version) AS hash
    FROM (SELECT max(stream_version) AS version, count(*)::integer AS events FROM events
           WHERE stream_id = $1
             AND ($2::integer IS NULL OR stream_version <= $2)
             AND ($3::timestamptz IS NULL OR recorded_at <= $3)) seen`;

/** A declaration's events in the log, and its state folded from them. */
@Injectable()
export class DeclarationStream {
  private readonly folded = new FoldedStates<Declaration>();

  constructor(
    private readonly store: EventStore,
    private readonly db: DataSource,
    // Absent where no queue is wired (the CLI): the worker's periodic catch-up covers it.
    @Optional() private readonly wakeUp?: ProjectionWakeUp,
  ) {}

  async load(declarationId: string, options?: ReadStreamOptions): Promise<LoadedDeclaration | null> {
    const events = (await this.store.readStream(
      declarationStreamId(declarationId),
      options,
    )) as LoadedDeclaration['events'];
    const state = fold(events.map(({ type, data }) => ({ type, data }) as DeclarationEvent));
    if (!state) return null;
    return { state, version: events.at(-1)!.streamVersion, events };
  }

  /**
   * What load() folds, from the nearest state this process folded before: only the events after
   * it are read, and only what a fold needs of them. (Reading and parsing every event of a long
   * history, not folding it, was what a read of it cost.) A kept state is used only while the log
   * holds the same hash at its version, and that hash chains every event before it.
   */
  async stateAt(declarationId: string, options: ReadStreamOptions = {}): Promise<DeclarationAt | null> {
    const streamId = declarationStreamId(declarationId);
    const [seen] = await this.db.query<{ version: number | null; events: number; hash: string }[]>(LAST_SEEN, [
      streamId,
      options.toVersion ?? null,
      options.asOf ?? null,
    ]);
    if (!seen || seen.version === null) return null;
    if (seen.events !== seen.version) {
      const loaded = await this.load(declarationId, options);
      return loaded && { state: loaded.state, version: loaded.version };
    }
    let known = this.folded.nearest(streamId, seen.version);
    if (known?.version === seen.version) {
      if (known.hash === seen.hash) return { state: known.state, version: known.version };
      this.folded.forget(streamId);
      known = undefined;
    }
    const state = await this.foldAfter(streamId, known, seen.version);
    return state && { state, version: seen.version };
  }

  private async foldAfter(
    streamId: string,
    known: FoldedState<Declaration> | undefined,
    version: number,
  ): Promise<Declaration | null> {
    const rows = await this.db.query<
      { stream_version: number; type: string; data: unknown; previous_hash: string | null; hash: string }[]
    >(
      `SELECT stream_version, type, data, previous_hash, hash FROM events
        WHERE stream_id = $1 AND stream_version > $2 AND stream_version <= $3
        ORDER BY stream_version`,
      [streamId, known?.version ?? 0, version],
    );
    if (known && rows[0]?.previous_hash !== known.hash) {
      // The log no longer holds what the kept state was folded from: fold it all again.
      this.folded.forget(streamId);
      return this.foldAfter(streamId, undefined, version);
    }
    let state = known?.state ?? null;
    for (const row of rows) {
      state = evolve(state, { type: row.type, data: row.data } as DeclarationEvent);
      if (row.stream_version % KEEP_EVERY === 0 || row.stream_version === version) {
        this.folded.keep(streamId, { version: row.stream_version, hash: row.hash, state });
      }
    }
    return state;
  }

  async append(
    declarationId: string,
    expected: number | 'no_stream',
    events: readonly DeclarationEvent[],
    metadata: EventMetadata,
    idempotency?: { commandId: string; fingerprint: string; outcome: unknown },
  ): Promise<AppendResult> {
    const result = await this.store.append(declarationStreamId(declarationId), expected, events, metadata, idempotency);
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
        streamId: declarationStreamId(declarationId),
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
