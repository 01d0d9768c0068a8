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
}

/** Who did what to which declaration: the "handled by me" (已办) queue. */
export interface ActionRow {
  declaration_id: string;
  version: number;
  user_id: string;
  action: 'submitted' | 'withdrawn' | 'approved' | 'returned' | 'rejected' | 'amended';
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
};

function actionOf(type: DeclarationEvent['type']): ActionRow['action'] | undefined {
  const action = actionRecordedBy(type);
  return action === null || action === 'edit' ? undefined : DONE[action];
}

/** The rows of one declaration, from its events in order (version 1 first). Pure. */
export function rowsOf(events: readonly DeclarationEvent[]): DeclarationRows {
  let state: Declaration | null = null;
  let enteredAt = '';
  const actions: ActionRow[] = [];
  events.forEach((event, index) => {
    const before = state;
    state = atVersion(index + 1, () => evolve(before, event));
    if (before === null || before.workflow.status !== state.workflow.status || event.type === 'AmendmentOpened') {
      enteredAt = event.data.at;
    }
    const action = actionOf(event.type);
    if (action && before) actions.push(actionRow(before, event, action, index + 1));
  });
  if (!state) throw new Error('a declaration needs at least one event');
  const last = events.at(-1)!;
  return { list: listRow(state, events.length, enteredAt, last.data.at), actions, indicators: indicatorRows(state) };
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
    created_by: state.createdBy,
    created_at: state.createdAt,
    updated_at: updatedAt,
    search_text: [content.projectName, ...content.indicators.map((i) => i.name)].join(' ').toLowerCase(),
    due_at: 'dueAt' in workflow ? workflow.dueAt : null,
    confirmed_revision: confirmed?.revision ?? null,
    confirmed_annual_total: confirmed?.content.funds.annualTotal ?? null,
  };
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
