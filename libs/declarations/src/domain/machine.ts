import { and, setup, transition } from 'xstate';
import type { Actor, Role } from '@app/identity/roles';
import type { Stage, Status } from './declaration.js';

export const ACTIONS = ['edit', 'submit', 'withdraw', 'approve', 'return', 'reject', 'amend'] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

export interface WorkflowContext {
  unitId: string;
  departmentId: string;
  submittedBy: string | null;
  stageActors: Record<string, Stage[]>;
  /** An amendment is under way: rejecting it restores the confirmed revision. */
  amending: boolean;
}
export interface WorkflowEvent {
  type: WorkflowAction;
  actor: Actor;
}

/** Which role acts at each review stage. */
export const STAGE_ROLE: Record<Stage, Role> = {
  departmental_review: 'department_reviewer',
  bureau_signoff: 'bureau_signer',
  finance_confirmation: 'finance_officer',
};

type Args = { context: WorkflowContext; event: WorkflowEvent };
type StageParams = { stage: Stage };

/** Each guard with the reason given when it says no. */
export const GUARDS = {
  isPreparerOfUnit: {
    test: ({ context, event }: Args) => event.actor.role === 'preparer' && event.actor.unitId === context.unitId,
    refusal: 'ACTOR_NOT_PREPARER_OF_UNIT',
  },
  mayEditDraft: {
    test: ({ context, event }: Args) =>
      event.actor.role === 'admin' || (event.actor.role === 'preparer' && event.actor.unitId === context.unitId),
    refusal: 'ACTOR_MAY_NOT_EDIT',
  },
  isStageReviewer: {
    test: ({ context, event }: Args, { stage }: StageParams) =>
      event.actor.role === STAGE_ROLE[stage] &&
      (stage === 'finance_confirmation' || event.actor.departmentId === context.departmentId),
    refusal: 'ACTOR_NOT_REVIEWER_OF_STAGE',
  },
  isNotSubmitter: {
    test: ({ context, event }: Args) => event.actor.userId !== context.submittedBy,
    refusal: 'SUBMITTER_MAY_NOT_REVIEW',
  },
  hasNotActedAtAnotherStage: {
    test: ({ context, event }: Args, { stage }: StageParams) =>
      (context.stageActors[event.actor.userId] ?? []).every((s) => s === stage),
    refusal: 'ACTOR_ALREADY_ACTED_AT_ANOTHER_STAGE',
  },
} as const;
type GuardName = keyof typeof GUARDS;

const REVIEWER: readonly GuardName[] = ['isStageReviewer', 'isNotSubmitter', 'hasNotActedAtAnotherStage'];

interface Move {
  guards: readonly GuardName[];
  to: Status;
}

/**
 * The single table of what is allowed: per status, the actions it accepts, who may take them
 * (guards, checked in order) and where they lead. The XState machine below is built from it.
 */
export const WORKFLOW: Record<Status, Partial<Record<WorkflowAction, Move>>> = {
  draft: {
    edit: { guards: ['mayEditDraft'], to: 'draft' },
    submit: { guards: ['isPreparerOfUnit'], to: 'departmental_review' },
  },
  departmental_review: {
    withdraw: { guards: ['isPreparerOfUnit'], to: 'draft' },
    approve: { guards: REVIEWER, to: 'bureau_signoff' },
    return: { guards: REVIEWER, to: 'draft' },
    reject: { guards: REVIEWER, to: 'rejected' },
  },
  bureau_signoff: {
    approve: { guards: REVIEWER, to: 'finance_confirmation' },
    return: { guards: REVIEWER, to: 'draft' },
    reject: { guards: REVIEWER, to: 'rejected' },
  },
  finance_confirmation: {
    approve: { guards: REVIEWER, to: 'confirmed' },
    return: { guards: REVIEWER, to: 'draft' },
    reject: { guards: REVIEWER, to: 'rejected' },
  },
  confirmed: {
    amend: { guards: ['isPreparerOfUnit'], to: 'draft' },
  },
  rejected: {},
};

const STAGE_STATES = new Set<Status>(['departmental_review', 'bureau_signoff', 'finance_confirmation']);

function transitionsOf(status: Status) {
  const on: Record<string, unknown> = {};
  for (const [action, move] of Object.entries(WORKFLOW[status]) as [WorkflowAction, Move][]) {
    const params = STAGE_STATES.has(status) ? { stage: status as Stage } : {};
    const guard = and(move.guards.map((type) => ({ type, params })));
    // Rejecting an amendment ends only the amendment: the confirmed revision stands again.
    on[action] =
      action === 'reject'
        ? [
            { guard: and([guard, 'isAmendment']), target: 'confirmed' },
            { guard, target: move.to },
          ]
        : { guard, target: move.to };
  }
  return on;
}

export const declarationMachine = setup({
  types: { context: {} as WorkflowContext, events: {} as WorkflowEvent, input: {} as WorkflowContext },
  guards: {
    isPreparerOfUnit: GUARDS.isPreparerOfUnit.test,
    mayEditDraft: GUARDS.mayEditDraft.test,
    isStageReviewer: (args: Args, params: StageParams) => GUARDS.isStageReviewer.test(args, params),
    isNotSubmitter: GUARDS.isNotSubmitter.test,
    hasNotActedAtAnotherStage: (args: Args, params: StageParams) => GUARDS.hasNotActedAtAnotherStage.test(args, params),
    isAmendment: ({ context }: Args) => context.amending,
  },
}).createMachine({
  id: 'declaration',
  initial: 'draft',
  context: ({ input }) => input,
  // Each state's transitions come from the WORKFLOW table above.
  states: Object.fromEntries(
    (Object.keys(WORKFLOW) as Status[]).map((status) => [
      status,
      status === 'rejected' ? { type: 'final' as const } : { on: transitionsOf(status) },
    ]),
  ) as never,
});

export type Verdict =
  | { allowed: true; to: Status }
  | { allowed: false; reason: 'ILLEGAL_TRANSITION' }
  | { allowed: false; reason: 'FORBIDDEN'; refusal: string };

/** Asks the machine whether `event` may happen in `status`, and if not, why. */
export function judge(status: Status, context: WorkflowContext, event: WorkflowEvent): Verdict {
  const snapshot = declarationMachine.resolveState({ value: status, context });
  const move = WORKFLOW[status][event.type];
  if (!move) return { allowed: false, reason: 'ILLEGAL_TRANSITION' };
  if (snapshot.can(event)) {
    const [next] = transition(declarationMachine, snapshot, event);
    return { allowed: true, to: next.value as Status };
  }
  const params = { stage: status as Stage };
  const failed = move.guards.find((name) => !GUARDS[name].test({ context, event }, params));
  return { allowed: false, reason: 'FORBIDDEN', refusal: failed ? GUARDS[failed].refusal : 'FORBIDDEN' };
}
