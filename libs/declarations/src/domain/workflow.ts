import { transition } from 'xstate';
import type { Stage, Status } from './declaration.js';
import type { DeclarationEventType } from './events.js';
import {
  ACTIONS,
  declarationMachine,
  GUARDS,
  isStage,
  type GuardName,
  type Refusal,
  type WorkflowAction,
  type WorkflowContext,
  type WorkflowEvent,
} from './machine.js';

/** One transition of the machine, as its definition states it. */
export interface Move {
  from: Status;
  action: WorkflowAction;
  guard: { type: GuardName; params: unknown };
  to: Status;
  records: readonly DeclarationEventType[];
}

interface TransitionShape {
  target?: readonly { key: string }[];
  guard?: string | { type: string; params?: unknown };
  actions: readonly { type?: string; params?: unknown }[];
}

/** Every transition, read once from the machine's own definition. */
export const MOVES: readonly Move[] = Object.entries(declarationMachine.states).flatMap(([from, node]) =>
  [...(node.transitions as Map<string, readonly TransitionShape[]>).entries()].flatMap(([action, transitions]) =>
    transitions.map((t): Move => {
      const guard = typeof t.guard === 'string' ? { type: t.guard, params: undefined } : t.guard!;
      const recorded = t.actions.find((a) => a.type === 'record')?.params as { events: DeclarationEventType[] };
      return {
        from: from as Status,
        action: action as WorkflowAction,
        guard: { type: guard.type as GuardName, params: guard.params },
        to: (t.target?.[0]?.key ?? from) as Status,
        records: recorded.events,
      };
    }),
  ),
);

/** The actions a status accepts at all, whoever asks. */
export function actionsIn(status: Status): WorkflowAction[] {
  return ACTIONS.filter((action) => MOVES.some((m) => m.from === status && m.action === action));
}

export type Verdict =
  | { allowed: true; to: Status; records: readonly DeclarationEventType[] }
  | { allowed: false; reason: 'ILLEGAL_TRANSITION' }
  | { allowed: false; reason: 'FORBIDDEN'; refusal: Refusal };

/**
 * Asks the machine whether `event` may happen in `status`: where it leads and which events record
 * it, or why not. A refusal's reason is the one the guard of the asked-for transition gives.
 */
export function judge(status: Status, context: WorkflowContext, event: WorkflowEvent): Verdict {
  const moves = MOVES.filter((m) => m.from === status && m.action === event.type);
  if (moves.length === 0) return { allowed: false, reason: 'ILLEGAL_TRANSITION' };
  const snapshot = declarationMachine.resolveState({ value: status, context });
  const [next, actions] = transition(declarationMachine, snapshot, event);
  const recorded = actions.find((a) => a.type === 'record');
  if (recorded) {
    return { allowed: true, to: next.value, records: recorded.params.events };
  }
  // The last transition an action names is its general one (the first may be a special case).
  const { guard } = moves.at(-1)!;
  const check = GUARDS[guard.type] as (args: unknown, params: unknown) => Refusal | null;
  const refusal = check({ context, event }, guard.params);
  if (refusal === null) throw new Error(`the machine refused ${event.type} in ${status} that its guard allows`);
  return { allowed: false, reason: 'FORBIDDEN', refusal };
}

/**
 * The status a recorded event leads to from `from`; null when no transition records it there (the
 * event cannot be folded). Of two, the amendment's branch applies while an amendment is under way.
 */
export function statusAfter(from: Status, type: DeclarationEventType, amending: boolean): Status | null {
  const moves = MOVES.filter((m) => m.from === from && m.records.includes(type));
  const move = moves.find((m) => m.guard.type !== 'rejectsAmendment' || amending);
  return move?.to ?? null;
}

/** The review stage an event puts a declaration in (and whose due time it records), if any. */
export function stageEnteredBy(type: DeclarationEventType): Stage | null {
  const to = MOVES.find((m) => m.records.includes(type) && m.from !== m.to)?.to;
  return to !== undefined && isStage(to) ? to : null;
}

/** The workflow action an event records. */
export function actionRecordedBy(type: DeclarationEventType): WorkflowAction | null {
  return MOVES.find((m) => m.records.includes(type))?.action ?? null;
}
