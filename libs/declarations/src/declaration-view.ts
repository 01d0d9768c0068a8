import { Injectable } from '@nestjs/common';
import { Names } from '@app/identity';
import {
  FUND_FIELDS,
  fenToYuan,
  parseTarget,
  type Declaration,
  type DeclarationContent,
  type Funds,
  type Indicator,
} from './domain/index.js';

type Yuan = number;
export type FundsView = { [K in keyof Funds]: Yuan | null };
type Named = { id: string; name: string };

export interface IndicatorView extends Indicator {
  parsedTarget: ReturnType<typeof parseTarget> | null;
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
  workflow: Declaration['workflow'];
  origin: Declaration['origin'];
  createdBy: string;
  createdAt: string;
  closedRevisions: { revision: number; outcome: 'confirmed' | 'rejected'; by: string; at: string }[];
  /** The name of every person the view names by id (creator, submitter, who returned it, who closed a revision). */
  people: Record<string, string>;
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

  async of(state: Declaration, version: number): Promise<DeclarationView> {
    const { workflow } = state;
    const userIds = [
      state.createdBy,
      'submittedBy' in workflow ? workflow.submittedBy : undefined,
      workflow.status === 'draft' ? workflow.lastReturn?.by : undefined,
      ...state.closedRevisions.map((r) => r.by),
    ].filter((id): id is string => typeof id === 'string');
    const names = await this.names.of({ units: [state.unitId], departments: [state.departmentId], users: userIds });
    return {
      id: state.id,
      ...contentView(state.content),
      unit: { id: state.unitId, name: names.unit(state.unitId) ?? state.unitId },
      department: { id: state.departmentId, name: names.department(state.departmentId) ?? state.departmentId },
      state: state.workflow.status,
      revision: state.revision,
      version,
      workflow: state.workflow,
      origin: state.origin,
      createdBy: state.createdBy,
      createdAt: state.createdAt,
      closedRevisions: state.closedRevisions.map(({ revision, outcome, by, at }) => ({ revision, outcome, by, at })),
      people: Object.fromEntries(userIds.map((id) => [id, names.user(id)?.displayName ?? id])),
    };
  }
}
