import { AppError, say } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import type { DeclarationStream, LoadedDeclaration } from '../declaration-stream.js';
import { evolve, type Declaration, type DeclarationEvent } from '../domain/index.js';
import { mayRead } from '../visibility.js';

export type StoredDeclarationEvent = LoadedDeclaration['events'][number];

/** One event with the state just before it (null before the first) and just after it. */
export interface ReplayStep {
  event: StoredDeclarationEvent;
  before: Declaration | null;
  after: Declaration;
}

/** Folds the events one at a time, keeping every intermediate state. */
export function replay(events: readonly StoredDeclarationEvent[]): ReplayStep[] {
  let state: Declaration | null = null;
  return events.map((event) => {
    const before = state;
    state = evolve(before, { type: event.type, data: event.data } as DeclarationEvent);
    return { event, before, after: state };
  });
}

/**
 * The whole stream of a declaration the actor may read; anything else is 404, as for
 * GET /declarations/:id, so ids cannot be probed. Unit and department never change, so
 * the current state decides visibility for the whole history.
 */
export async function loadReadable(stream: DeclarationStream, actor: Actor, id: string): Promise<LoadedDeclaration> {
  const loaded = await stream.load(id);
  if (!loaded || !mayRead(actor, loaded.state)) throw new AppError('NOT_FOUND', say('declaration.notFound'));
  return loaded;
}
