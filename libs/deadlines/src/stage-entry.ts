import {
  evolve,
  isStage,
  stageEnteredBy,
  type Declaration,
  type DeclarationEvent,
  type Stage,
} from '@app/declarations';

export interface StageEntry {
  stage: Stage;
  /** The stream version of the event that entered the stage: names this stay in it. */
  enteredVersion: number;
  enteredAt: string;
  dueAt: string;
}

type Versioned = Pick<DeclarationEvent, 'type' | 'data'> & { streamVersion: number };

/**
 * The stage a declaration waits in now, entered by which event, and when it is due; null when it
 * waits in none (a draft, confirmed, rejected) or its entry recorded no due time. Any event after
 * the entry takes it out of the stage, so the latest entry is the only one that can still count.
 */
export function currentStageEntry(events: readonly Versioned[]): StageEntry | null {
  let state: Declaration | null = null;
  let entry: StageEntry | null = null;
  for (const event of events) {
    state = evolve(state, { type: event.type, data: event.data } as DeclarationEvent);
    const status = state.workflow.status;
    if (!stageEnteredBy(event.type)) continue;
    const { at, dueAt } = event.data as { at: string; dueAt?: string | null };
    entry = dueAt ? { stage: status as Stage, enteredVersion: event.streamVersion, enteredAt: at, dueAt } : null;
  }
  const status = state?.workflow.status;
  return entry && status !== undefined && isStage(status) && entry.stage === status ? entry : null;
}
