import { Injectable } from '@nestjs/common';
import { Organisations } from '@app/identity';
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

/** Builds views; unit and department names change rarely, so they are cached for a minute. */
@Injectable()
export class DeclarationViews {
  private readonly names = new Map<string, { value: Named; until: number }>();

  constructor(private readonly organisations: Organisations) {}

  async of(state: Declaration, version: number): Promise<DeclarationView> {
    const [unit, department] = await Promise.all([
      this.unitName(state.unitId),
      this.departmentName(state.departmentId),
    ]);
    return {
      id: state.id,
      ...contentView(state.content),
      unit,
      department,
      state: state.workflow.status,
      revision: state.revision,
      version,
      workflow: state.workflow,
      origin: state.origin,
      createdBy: state.createdBy,
      createdAt: state.createdAt,
      closedRevisions: state.closedRevisions.map(({ revision, outcome, by, at }) => ({ revision, outcome, by, at })),
    };
  }

  private unitName(id: string): Promise<Named> {
    return this.cached(`unit:${id}`, async () => ({ id, name: (await this.organisations.findUnit(id))?.name ?? id }));
  }

  private departmentName(id: string): Promise<Named> {
    return this.cached(`department:${id}`, async () => ({
      id,
      name: (await this.organisations.findDepartment(id))?.name ?? id,
    }));
  }

  private async cached(key: string, load: () => Promise<Named>): Promise<Named> {
    const hit = this.names.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    this.names.set(key, { value, until: Date.now() + 60_000 });
    return value;
  }
}
