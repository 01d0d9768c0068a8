import {
  actionRecordedBy,
  evolve,
  isStage,
  parseTarget,
  type Declaration,
  type DeclarationEvent,
  type Stage,
  type Status,
  type WorkflowAction,
} from '../domain/index.js';
import { atVersion } from '@app/platform/errors';

/** One row per declaration: what lists, the inbox and statistics read. Money in fen. */
export interface ListRow {
  declaration_id: string;
  unit_id: string;
  department_id: string;
  year: number;
  project_name: string;
  nature: string;
  category: string | null;
  state: Status;
  revision: number;
  version: number;
  project_total: number | null;
  annual_total: number | null;
  current_year_appropriation: number | null;
  carry_over: number | null;
  other_funds: number | null;
  indicator_count: number;
  submitted_by: string | null;
  submitted_at: string | null;
  stage_entered_at: string;
  returned_by: string | null;
  returned_at: string | null;
  returned_stage: Stage | null;
  return_reason: string | null;
  /** The 审核意见 per row of the last return (rows named as they were then); null when none. */
  return_opinions: ReturnOpinion[] | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** Project and indicator names, lower-cased, for the text filter. */
  search_text: string;
  /** When the review stage it waits in is due (recorded on the event that entered it). */
  due_at: string | null;
  /** The last confirmed revision (null before the first confirmation), still the yardstick while an amendment runs. */
  confirmed_revision: number | null;
  /** 年度资金申请总额 of that revision, in fen: what the budget office counts as confirmed meanwhile. */
  confirmed_annual_total: number | null;
  /** Who wrote its content, and who submitted its current revision: separation of duties. */
  authors: string[];
  submitters: string[];
}

export interface ReturnOpinion {
  indicatorId: string;
  indicatorName: string | null;
  opinion: string;
}

/** Who did what to which declaration: the "handled by me" (已办) queue. */
export interface ActionRow {
  declaration_id: string;
  version: number;
  user_id: string;
  action: 'submitted' | 'withdrawn' | 'approved' | 'returned' | 'rejected' | 'amended' | 'discarded';
  stage: Stage | null;
  revision: number;
  at: string;
  comment: string | null;
}

/** Every indicator of every declaration, to compare targets across units. */
export interface IndicatorRow {
  declaration_id: string;
  indicator_id: string;
  position: number;
  unit_id: string;
  department_id: string;
  year: number;
  state: Status;
  project_name: string;
  level1: string;
  level2: string;
  name: string;
  target: string | null;
  kind: 'quantitative' | 'qualitative' | 'malformed' | 'missing';
  comparator: string | null;
  value: number | null;
  unit: string | null;
}

export interface DeclarationRows {
  list: ListRow;
  actions: ActionRow[];
  indicators: IndicatorRow[];
}

/** How the actions table names each workflow action (edits are not actions on it). */
const DONE: Record<Exclude<WorkflowAction, 'edit'>, ActionRow['action']> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  approve: 'approved',
  return: 'returned',
  reject: 'rejected',
  amend: 'amended',
  discard: 'discarded',
};

function actionOf(type: DeclarationEvent['type']): ActionRow['action'] | undefined {
  const action = actionRecordedBy(type);
  return action === null || action === 'edit' ? undefined : DONE[action];
}

/**
 * A declaration folded as far as its rows need: the state, the version it is folded to, and what
 * the state does not keep (when it entered its stage, its last event's time, the actions so far).
 */
export interface FoldedRows {
  state: Declaration;
  version: number;
  enteredAt: string;
  updatedAt: string;
  actions: readonly ActionRow[];
}

/** The rows of one declaration, from its events in order (version 1 first). Pure. */
export function rowsOf(events: readonly DeclarationEvent[]): DeclarationRows {
  return rowsOfFolded(foldRows(null, events));
}

/**
 * Folds the events that follow `from` (or a whole stream, from null). rowsOf is this from null, so
 * folding a stream in pieces gives the rows of folding it whole.
 */
export function foldRows(from: FoldedRows | null, events: readonly DeclarationEvent[]): FoldedRows {
  let state: Declaration | null = from?.state ?? null;
  let enteredAt = from?.enteredAt ?? '';
  const actions = from ? [...from.actions] : [];
  const start = from?.version ?? 0;
  events.forEach((event, index) => {
    const before = state;
    state = atVersion(start + index + 1, () => evolve(before, event));
    if (before === null || before.workflow.status !== state.workflow.status || event.type === 'AmendmentOpened') {
      enteredAt = event.data.at;
    }
    const action = actionOf(event.type);
    if (action && before) actions.push(actionRow(before, event, action, start + index + 1));
  });
  if (!state) throw new Error('a declaration needs at least one event');
  const updatedAt = events.at(-1)?.data.at ?? from!.updatedAt;
  return { state, version: start + events.length, enteredAt, updatedAt, actions };
}

export function rowsOfFolded({ state, version, enteredAt, updatedAt, actions }: FoldedRows): DeclarationRows {
  return {
    list: listRow(state, version, enteredAt, updatedAt),
    actions: [...actions],
    indicators: indicatorRows(state),
  };
}

function actionRow(
  before: Declaration,
  event: DeclarationEvent,
  action: ActionRow['action'],
  version: number,
): ActionRow {
  const status = before.workflow.status;
  const data = event.data as { by: string; at: string; comment?: string | null; reason?: string };
  return {
    declaration_id: before.id,
    version,
    user_id: data.by,
    action,
    stage: isStage(status) ? status : null,
    revision: before.revision,
    at: data.at,
    comment: data.comment ?? data.reason ?? null,
  };
}

function listRow(state: Declaration, version: number, enteredAt: string, updatedAt: string): ListRow {
  const { content, workflow } = state;
  const lastReturn = workflow.status === 'draft' ? workflow.lastReturn : null;
  const confirmed = state.closedRevisions.findLast((r) => r.outcome === 'confirmed');
  return {
    declaration_id: state.id,
    unit_id: state.unitId,
    department_id: state.departmentId,
    year: content.year,
    project_name: content.projectName,
    nature: content.nature,
    category: content.category,
    state: workflow.status,
    revision: state.revision,
    version,
    project_total: content.funds.projectTotal,
    annual_total: content.funds.annualTotal,
    current_year_appropriation: content.funds.currentYearAppropriation,
    carry_over: content.funds.carryOver,
    other_funds: content.funds.otherFunds,
    indicator_count: content.indicators.length,
    submitted_by: 'submittedBy' in workflow ? workflow.submittedBy : null,
    submitted_at: 'submittedAt' in workflow ? workflow.submittedAt : null,
    stage_entered_at: enteredAt,
    returned_by: lastReturn?.by ?? null,
    returned_at: lastReturn?.at ?? null,
    returned_stage: lastReturn?.stage ?? null,
    return_reason: lastReturn?.reason ?? null,
    return_opinions: lastReturn ? returnOpinions(state, lastReturn.at) : null,
    created_by: state.createdBy,
    created_at: state.createdAt,
    updated_at: updatedAt,
    search_text: [content.projectName, ...content.indicators.map((i) => i.name)].join(' ').toLowerCase(),
    due_at: 'dueAt' in workflow ? workflow.dueAt : null,
    confirmed_revision: confirmed?.revision ?? null,
    confirmed_annual_total: confirmed?.content.funds.annualTotal ?? null,
    authors: state.authors,
    submitters: state.submitters,
  };
}

/** The opinions the last return gave, with the rows' names as they stand (the draft returned as it was). */
function returnOpinions(state: Declaration, returnedAt: string): ReturnOpinion[] | null {
  const note = state.reviewNotes.findLast((n) => n.action === 'return' && n.at === returnedAt);
  if (!note || note.opinions.length === 0) return null;
  const names = new Map(state.content.indicators.map((i) => [i.id, i.name]));
  return note.opinions.map(({ indicatorId, opinion }) => ({
    indicatorId,
    indicatorName: names.get(indicatorId) ?? null,
    opinion,
  }));
}

function indicatorRows(state: Declaration): IndicatorRow[] {
  return state.content.indicators.map((indicator, position) => {
    const parsed = indicator.target === null ? null : parseTarget(indicator.target);
    const quantitative = parsed?.kind === 'quantitative' ? parsed : null;
    return {
      declaration_id: state.id,
      indicator_id: indicator.id,
      position,
      unit_id: state.unitId,
      department_id: state.departmentId,
      year: state.content.year,
      state: state.workflow.status,
      project_name: state.content.projectName,
      level1: indicator.level1,
      level2: indicator.level2,
      name: indicator.name,
      target: indicator.target,
      kind: parsed?.kind ?? 'missing',
      comparator: quantitative?.comparator ?? null,
      value: quantitative?.value ?? null,
      unit: quantitative?.unit ?? null,
    };
  });
}
