import { Injectable } from '@nestjs/common';
import { Names } from '@app/identity';
import type { Language } from '@app/platform';
import {
  FUND_FIELDS,
  fenToYuan,
  parseTarget,
  type Declaration,
  type DeclarationContent,
  type Funds,
  type Indicator,
  type ReviewNote,
  type Stage,
  originView,
  workflowView,
  type OriginView,
  type WorkflowView,
} from './domain/index.js';

type Yuan = number;
export type FundsView = { [K in keyof Funds]: Yuan | null };
type Named = { id: string; name: string };

export interface IndicatorView extends Indicator {
  parsedTarget: ReturnType<typeof parseTarget> | null;
}

/** A reviewer's 审核意见 on one row, with where and by whom it was given. */
export interface OpinionView {
  opinion: string;
  stage: Stage;
  action: ReviewNote['action'];
  by: Named;
  at: string;
}

/** The grade of departmental review (评审等级) on the revision in force. */
export interface GradeView {
  grade: string;
  by: Named;
  at: string;
}

export interface ContentView extends Omit<DeclarationContent, 'funds' | 'indicators'> {
  funds: FundsView;
  indicators: IndicatorView[];
}

/** A declaration as the API shows it: the glossary's names, money in yuan, targets also parsed. */
export interface DeclarationView extends ContentView {
  id: string;
  unit: Named;
  department: Named;
  state: Declaration['workflow']['status'];
  revision: number;
  version: number;
  workflow: WorkflowView;
  origin: OriginView;
  createdBy: string;
  createdAt: string;
  closedRevisions: { revision: number; outcome: 'confirmed' | 'rejected'; by: string; at: string }[];
  /** The name of every person the view names by id (creator, submitter, who returned it, who closed a revision). */
  people: Record<string, string>;
  /** Submitted at least once: a draft never submitted may be discarded (作废). */
  everSubmitted: boolean;
  /** The reviewers' opinions on the revision in force, per indicator id, oldest first. */
  opinions: Record<string, OpinionView[]>;
  /** The last grade departmental review gave the revision in force, if any. */
  grade: GradeView | null;
}

export function contentView(content: DeclarationContent): ContentView {
  const funds = Object.fromEntries(
    FUND_FIELDS.map((field) => [field, content.funds[field] === null ? null : fenToYuan(content.funds[field])]),
  ) as FundsView;
  const indicators = content.indicators.map((i) => ({
    ...i,
    parsedTarget: i.target === null ? null : parseTarget(i.target),
  }));
  return { ...content, funds, indicators };
}

/** Builds views, with the unit's and department's current names (see Names for how fresh). */
@Injectable()
export class DeclarationViews {
  constructor(private readonly names: Names) {}

  async of(state: Declaration, version: number, language: Language): Promise<DeclarationView> {
    const { workflow } = state;
    const userIds = [
      state.createdBy,
      'submittedBy' in workflow ? workflow.submittedBy : undefined,
      workflow.status === 'draft' ? workflow.lastReturn?.by : undefined,
      ...state.closedRevisions.map((r) => r.by),
    ].filter((id): id is string => typeof id === 'string');
    const notes = state.reviewNotes.filter((n) => n.revision === state.revision);
    const names = await this.names.of({
      units: [state.unitId],
      departments: [state.departmentId],
      users: [...userIds, ...notes.map((n) => n.by)],
    });
    const person = (id: string): Named => {
      const user = names.user(id);
      return { id, name: user?.displayName ?? user?.username ?? id };
    };
    return {
      id: state.id,
      ...contentView(state.content),
      unit: { id: state.unitId, name: names.unit(state.unitId) ?? state.unitId },
      department: { id: state.departmentId, name: names.department(state.departmentId) ?? state.departmentId },
      state: state.workflow.status,
      revision: state.revision,
      version,
      workflow: workflowView(state.workflow, language),
      origin: originView(state.origin, language),
      createdBy: state.createdBy,
      createdAt: state.createdAt,
      closedRevisions: state.closedRevisions.map(({ revision, outcome, by, at }) => ({ revision, outcome, by, at })),
      people: Object.fromEntries(userIds.map((id) => [id, names.user(id)?.displayName ?? id])),
      everSubmitted: state.everSubmitted,
      ...reviewView(state, notes, person),
    };
  }
}

/** The notes of the revision in force as the view shows them: per row that still exists, and the grade. */
function reviewView(
  state: Declaration,
  notes: readonly ReviewNote[],
  person: (id: string) => Named,
): Pick<DeclarationView, 'opinions' | 'grade'> {
  const rows = new Set(state.content.indicators.map((i) => i.id));
  const opinions: Record<string, OpinionView[]> = {};
  for (const { stage, action, by, at, opinions: given } of notes) {
    for (const { indicatorId, opinion } of given) {
      if (rows.has(indicatorId)) (opinions[indicatorId] ??= []).push({ opinion, stage, action, by: person(by), at });
    }
  }
  const graded = notes.filter((n) => n.grade !== null).at(-1);
  return { opinions, grade: graded ? { grade: graded.grade!, by: person(graded.by), at: graded.at } : null };
}
