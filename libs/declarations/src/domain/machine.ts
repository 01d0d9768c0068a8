import { setup } from 'xstate';
import type { Actor, Role } from '@app/identity/roles';
import { STAGES, type Stage, type Status } from './declaration.js';
import type { DeclarationEventType } from './events.js';

export const ACTIONS = ['edit', 'submit', 'withdraw', 'approve', 'return', 'reject', 'amend', 'discard'] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

/** What the guards need to know of a declaration (see `workflowContext` in decide.ts). */
export interface WorkflowContext {
  unitId: string;
  departmentId: string;
  submittedBy: string | null;
  /** Who wrote content the revision carries, and who submitted any submission of it. */
  authors: readonly string[];
  submitters: readonly string[];
  stageActors: Record<string, Stage[]>;
  /** An amendment is under way: rejecting it restores the confirmed revision. */
  amending: boolean;
  /** It was submitted at least once (a returned draft, an amendment): it can no longer be discarded. */
  everSubmitted: boolean;
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

/** Where each stage's role acts: in its own department, or in every one (the finance bureau). */
export const STAGE_SCOPE: Record<Stage, 'department' | 'every_department'> = {
  departmental_review: 'department',
  bureau_signoff: 'department',
  finance_confirmation: 'every_department',
};

export function isStage(status: string): status is Stage {
  return (STAGES as readonly string[]).includes(status);
}

type Args = { context: WorkflowContext; event: WorkflowEvent };
type AtStage = { stage: Stage };

/** Why a guard says no: the code a refused caller is given (403 FORBIDDEN, `errors[0].code`). */
export type Refusal =
  | 'ACTOR_NOT_PREPARER_OF_UNIT'
  | 'ACTOR_MAY_NOT_EDIT'
  | 'ACTOR_NOT_REVIEWER_OF_STAGE'
  | 'SUBMITTER_MAY_NOT_REVIEW'
  | 'AUTHOR_MAY_NOT_REVIEW'
  | 'ACTOR_ALREADY_ACTED_AT_ANOTHER_STAGE'
  | 'NOT_AN_AMENDMENT'
  | 'ACTOR_MAY_NOT_DISCARD'
  | 'DECLARATION_ONCE_SUBMITTED';

/** Refusals about the declaration rather than the person: 409 CONFLICT, not 403. */
export const STATE_REFUSALS: readonly Refusal[] = ['DECLARATION_ONCE_SUBMITTED'];

/**
 * The guards, each answering with the reason it refuses (null: allowed). The machine asks them
 * yes or no; a refused command is told the reason of the guard on the transition it asked for.
 */
export const GUARDS = {
  isPreparerOfUnit: ({ context, event }: Args): Refusal | null =>
    event.actor.role === 'preparer' && event.actor.unitId === context.unitId ? null : 'ACTOR_NOT_PREPARER_OF_UNIT',

  mayEditDraft: ({ context, event }: Args): Refusal | null =>
    event.actor.role === 'admin' || (event.actor.role === 'preparer' && event.actor.unitId === context.unitId)
      ? null
      : 'ACTOR_MAY_NOT_EDIT',

  /**
   * The stage's role in the declaration's department; none of the revision's submitters nor any
   * author of its content; at no other stage before. Decided from the declaration's own events, so
   * a later change of role changes nothing.
   */
  mayReview: ({ context, event }: Args, { stage }: AtStage): Refusal | null => {
    const { actor } = event;
    const inScope = STAGE_SCOPE[stage] === 'every_department' || actor.departmentId === context.departmentId;
    if (actor.role !== STAGE_ROLE[stage] || !inScope) return 'ACTOR_NOT_REVIEWER_OF_STAGE';
    if (actor.userId === context.submittedBy || context.submitters.includes(actor.userId)) {
      return 'SUBMITTER_MAY_NOT_REVIEW';
    }
    if (context.authors.includes(actor.userId)) return 'AUTHOR_MAY_NOT_REVIEW';
    if ((context.stageActors[actor.userId] ?? []).some((s) => s !== stage)) {
      return 'ACTOR_ALREADY_ACTED_AT_ANOTHER_STAGE';
    }
    return null;
  },

  /** 作废: a preparer of the unit or an admin, and only a draft that was never submitted. */
  mayDiscard: ({ context, event }: Args): Refusal | null => {
    const { actor } = event;
    if (actor.role !== 'admin' && !(actor.role === 'preparer' && actor.unitId === context.unitId)) {
      return 'ACTOR_MAY_NOT_DISCARD';
    }
    return context.everSubmitted ? 'DECLARATION_ONCE_SUBMITTED' : null;
  },

  /** Rejecting an amendment ends only the amendment: the confirmed revision stands again. */
  rejectsAmendment: (args: Args, params: AtStage): Refusal | null =>
    args.context.amending ? GUARDS.mayReview(args, params) : 'NOT_AN_AMENDMENT',
};
export type GuardName = keyof typeof GUARDS;

const yes =
  <P>(guard: (args: Args, params: P) => Refusal | null) =>
  (args: Args, params: P) =>
    guard(args, params) === null;

/** The domain events a transition records (the `record` action's parameter). */
type Records = { events: readonly DeclarationEventType[] };
const record = (...events: DeclarationEventType[]) => ({ type: 'record', params: { events } }) as const;

const EDITS: DeclarationEventType[] = [
  'BasicInformationRevised',
  'FundsRevised',
  'GoalsRevised',
  'IndicatorAdded',
  'IndicatorRevised',
  'IndicatorRemoved',
];

/** A reviewer's three answers at a stage: approve onward, return to the unit, or reject. */
function review(stage: Stage, onApproval: { target: Status; records: DeclarationEventType }) {
  const reviewer = { type: 'mayReview', params: { stage } } as const;
  return {
    approve: { guard: reviewer, target: onApproval.target, actions: record(onApproval.records) },
    return: { guard: reviewer, target: 'draft', actions: record('DeclarationReturned') },
    reject: [
      {
        guard: { type: 'rejectsAmendment', params: { stage } },
        target: 'confirmed',
        actions: record('DeclarationRejected'),
      },
      { guard: reviewer, target: 'rejected', actions: record('DeclarationRejected') },
    ],
  } as const;
}

/**
 * The approval path (DOMAIN.md): the one statement of what may happen in each status, who may
 * do it, where it leads and which event records it. decide, evolve, the projection, the inbox
 * and the reminders all read it from here.
 */
export const declarationMachine = setup({
  types: {
    context: {} as WorkflowContext,
    events: {} as WorkflowEvent,
    input: {} as WorkflowContext,
  },
  guards: {
    isPreparerOfUnit: yes(GUARDS.isPreparerOfUnit),
    mayEditDraft: yes(GUARDS.mayEditDraft),
    mayReview: yes(GUARDS.mayReview),
    mayDiscard: yes(GUARDS.mayDiscard),
    rejectsAmendment: yes(GUARDS.rejectsAmendment),
  },
  actions: {
    // Pure: `transition()` hands it back, and decide records the events it names.
    record: (_: unknown, _params: Records) => undefined,
  },
}).createMachine({
  id: 'declaration',
  initial: 'draft',
  context: ({ input }) => input,
  states: {
    draft: {
      on: {
        edit: { guard: 'mayEditDraft', actions: record(...EDITS) },
        submit: { guard: 'isPreparerOfUnit', target: 'departmental_review', actions: record('DeclarationSubmitted') },
        discard: { guard: 'mayDiscard', target: 'discarded', actions: record('DeclarationDiscarded') },
      },
    },
    departmental_review: {
      on: {
        withdraw: { guard: 'isPreparerOfUnit', target: 'draft', actions: record('SubmissionWithdrawn') },
        ...review('departmental_review', { target: 'bureau_signoff', records: 'DepartmentalReviewApproved' }),
      },
    },
    bureau_signoff: {
      on: review('bureau_signoff', { target: 'finance_confirmation', records: 'BureauSignedOff' }),
    },
    finance_confirmation: {
      on: review('finance_confirmation', { target: 'confirmed', records: 'DeclarationConfirmed' }),
    },
    confirmed: {
      on: {
        amend: { guard: 'isPreparerOfUnit', target: 'draft', actions: record('AmendmentOpened') },
      },
    },
    rejected: { type: 'final' },
    // Out of every list, total and inbox; the stream and its history stay.
    discarded: { type: 'final' },
  },
});
