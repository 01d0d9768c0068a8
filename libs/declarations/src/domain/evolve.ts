import { UnreadableEventError } from '@app/platform/errors';
import type { Declaration, DeclarationContent, Stage, Status } from './declaration.js';
import type { Changes, DeclarationEvent } from './events.js';
import { isStage } from './machine.js';
import { statusAfter } from './workflow.js';

/**
 * An event the workflow cannot apply where it stands (a second draft, an approval of a draft): the
 * stream cannot be folded past it. Only a log written around the service can hold one.
 */
export class UnfoldableEventError extends UnreadableEventError {
  constructor(
    readonly eventType: string,
    readonly status: Status | null,
  ) {
    super(`${eventType} cannot follow ${status === null ? 'nothing' : `a declaration that is ${status}`}`);
  }
}

/** Folds one event into the state. The first event must be DeclarationDrafted. */
export function evolve(state: Declaration | null, event: DeclarationEvent): Declaration {
  if (event.type === 'DeclarationDrafted') {
    if (state !== null) throw new UnfoldableEventError(event.type, state.workflow.status);
    const { data } = event;
    return {
      id: data.declarationId,
      unitId: data.unitId,
      departmentId: data.departmentId,
      origin: data.origin,
      layoutFindings: data.origin.kind === 'import' ? (data.origin.findings ?? []) : [],
      createdBy: data.by,
      createdAt: data.at,
      revision: 1,
      highestRevision: 1,
      content: data.content,
      workflow: { status: 'draft', lastReturn: null },
      stageActors: {},
      closedRevisions: [],
    };
  }
  if (state === null) throw new UnfoldableEventError(event.type, null);
  const to = statusAfter(state.workflow.status, event.type, standingRevision(state) !== undefined);
  if (to === null) throw new UnfoldableEventError(event.type, state.workflow.status);
  return evolveExisting(state, event, to);
}

/** The last confirmed revision: while an amendment is under way, it is still the yardstick. */
export function standingRevision(state: Declaration): Declaration['closedRevisions'][number] | undefined {
  return state.closedRevisions.filter((r) => r.outcome === 'confirmed').at(-1);
}

export function fold(events: readonly DeclarationEvent[]): Declaration | null {
  return events.reduce<Declaration | null>(evolve, null);
}

/** A reader's finding about a field stands until that field is edited. */
function editedFields(state: Declaration, paths: readonly string[]): Declaration {
  const edited = (path: string) =>
    paths.some((p) => path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
  return { ...state, layoutFindings: state.layoutFindings.filter((f) => !edited(f.path)) };
}

/** …and one about an indicator row until that row is edited or removed. */
function editedRow(state: Declaration, indicatorId: string): Declaration {
  return { ...state, layoutFindings: state.layoutFindings.filter((f) => f.indicatorId !== indicatorId) };
}

/** Applies an event the machine allows where the state stands; `to` is where it leads. */
function evolveExisting(
  state: Declaration,
  event: Exclude<DeclarationEvent, { type: 'DeclarationDrafted' }>,
  to: Status,
): Declaration {
  const { data } = event;
  switch (event.type) {
    case 'BasicInformationRevised':
      return withContent(editedFields(state, Object.keys(event.data.changes)), afterValues(event.data.changes));
    case 'GoalsRevised':
      return withContent(editedFields(state, Object.keys(event.data.changes)), afterValues(event.data.changes));
    case 'FundsRevised':
      return withContent(
        editedFields(
          state,
          Object.keys(event.data.changes).map((f) => `funds.${f}`),
        ),
        {
          funds: { ...state.content.funds, ...afterValues(event.data.changes) },
        },
      );
    case 'IndicatorAdded': {
      const indicators = [...state.content.indicators];
      indicators.splice(event.data.position, 0, event.data.indicator);
      return withContent(state, { indicators });
    }
    case 'IndicatorRevised':
      return withContent(editedRow(state, event.data.indicatorId), {
        indicators: state.content.indicators.map((i) =>
          i.id === event.data.indicatorId ? { ...i, ...afterValues(event.data.changes) } : i,
        ),
      });
    case 'IndicatorRemoved':
      return withContent(editedRow(state, event.data.indicatorId), {
        indicators: state.content.indicators.filter((i) => i.id !== event.data.indicatorId),
      });
    case 'DeclarationSubmitted':
      return {
        ...state,
        workflow: {
          status: stage(to),
          submittedBy: data.by,
          submittedAt: data.at,
          enteredAt: data.at,
          dueAt: event.data.dueAt ?? null,
          warnings: event.data.warnings,
        },
      };
    case 'SubmissionWithdrawn':
      return { ...state, workflow: { status: 'draft', lastReturn: null } };
    case 'DepartmentalReviewApproved':
    case 'BureauSignedOff':
      return advance(state, stage(to), data.by, data.at, event.data.dueAt ?? null);
    case 'DeclarationConfirmed':
      return {
        ...actedAt(state, stage(state.workflow.status), data.by),
        workflow: { status: 'confirmed', confirmedBy: data.by, confirmedAt: data.at },
        closedRevisions: [...state.closedRevisions, close(state, 'confirmed', data.by, data.at)],
      };
    case 'DeclarationReturned':
      return {
        ...actedAt(state, event.data.stage, data.by),
        workflow: {
          status: 'draft',
          lastReturn: { stage: event.data.stage, reason: event.data.reason, by: data.by, at: data.at },
        },
      };
    case 'DeclarationRejected':
      return reject(state, to, event.data.stage, data.by, data.at, event.data.reason);
    case 'AmendmentOpened':
      return {
        ...state,
        revision: event.data.revision,
        highestRevision: event.data.revision,
        workflow: { status: 'draft', lastReturn: null },
        stageActors: {},
      };
  }
}

/**
 * Rejecting a first revision ends the declaration (不予通过). Rejecting an amendment ends only
 * the amendment: the last confirmed revision stands again as the yardstick.
 */
function reject(state: Declaration, to: Status, stage: Stage, by: string, at: string, reason: string): Declaration {
  const closed = [...state.closedRevisions, close(state, 'rejected', by, at)];
  const standing = standingRevision(state);
  if (to === 'confirmed' && standing) {
    return {
      ...state,
      revision: standing.revision,
      content: standing.content,
      workflow: { status: 'confirmed', confirmedBy: standing.by, confirmedAt: standing.at },
      stageActors: {},
      closedRevisions: closed,
    };
  }
  return {
    ...actedAt(state, stage, by),
    workflow: { status: 'rejected', stage, reason, rejectedBy: by, rejectedAt: at },
    closedRevisions: closed,
  };
}

function advance(state: Declaration, to: Stage, by: string, at: string, dueAt: string | null): Declaration {
  const { workflow } = state;
  // Only a stage's workflow records a submission; statusAfter let only such a state get here.
  if (!('submittedBy' in workflow)) throw new UnfoldableEventError('an approval', workflow.status);
  return { ...actedAt(state, workflow.status, by), workflow: { ...workflow, status: to, enteredAt: at, dueAt } };
}

function stage(status: Status): Stage {
  if (!isStage(status)) throw new Error(`${status} is not a review stage`);
  return status;
}

function actedAt(state: Declaration, stage: Stage, by: string): Declaration {
  const stages = state.stageActors[by] ?? [];
  return stages.includes(stage) ? state : { ...state, stageActors: { ...state.stageActors, [by]: [...stages, stage] } };
}

function close(state: Declaration, outcome: 'confirmed' | 'rejected', by: string, at: string) {
  return { revision: state.revision, outcome, content: state.content, by, at };
}

function withContent(state: Declaration, patch: Partial<DeclarationContent>): Declaration {
  return { ...state, content: { ...state.content, ...patch } };
}

function afterValues<T>(changes: Changes<T>): Partial<T> {
  const values: Partial<T> = {};
  for (const key of Object.keys(changes) as (keyof T)[]) values[key] = changes[key]!.after;
  return values;
}
