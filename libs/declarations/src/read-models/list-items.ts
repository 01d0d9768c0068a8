import type { DataSource } from 'typeorm';
import { Names } from '@app/identity';
import { fenToYuanOrNull, type Status } from '../domain/index.js';

export interface ListItem {
  id: string;
  year: number;
  projectName: string;
  nature: string;
  category: string | null;
  unit: { id: string; name: string };
  department: { id: string; name: string };
  state: Status;
  revision: number;
  version: number;
  funds: {
    annualTotal: number | null;
    currentYearAppropriation: number | null;
    carryOver: number | null;
    otherFunds: number | null;
  };
  indicatorCount: number;
  submitter: { id: string; name: string | null } | null;
  submittedAt: string | null;
  stageEnteredAt: string;
  updatedAt: string;
}

/** What an item shows of a `declaration_list l` row. */
export const ITEM_COLUMNS = `l.declaration_id, l.year, l.project_name, l.nature, l.category, l.unit_id,
  l.department_id, l.state, l.revision, l.version, l.annual_total, l.current_year_appropriation,
  l.carry_over, l.other_funds, l.indicator_count, l.submitted_by, l.submitted_at, l.stage_entered_at,
  l.updated_at`;

/**
 * The items with the current names of their units, departments and submitters. Names live outside
 * the read model (a user's display name changes without an event), so they are looked up at every
 * request (through the Names cache), while the rows may come from a memo of the read model.
 */
export async function named<T extends ListItem>(db: DataSource, items: readonly T[]): Promise<T[]> {
  if (items.length === 0) return [];
  const names = await Names.for(db).of({
    units: items.map((i) => i.unit.id),
    departments: items.map((i) => i.department.id),
    users: items.map((i) => i.submitter?.id),
  });
  return items.map((item) => ({
    ...item,
    unit: { id: item.unit.id, name: names.unit(item.unit.id) ?? item.unit.id },
    department: { id: item.department.id, name: names.department(item.department.id) ?? item.department.id },
    submitter: item.submitter && {
      id: item.submitter.id,
      name: names.user(item.submitter.id)?.displayName ?? null,
    },
  }));
}

export interface Row {
  declaration_id: string;
  year: number;
  project_name: string;
  nature: string;
  category: string | null;
  unit_id: string;
  department_id: string;
  state: Status;
  revision: number;
  version: number;
  annual_total: string | null;
  current_year_appropriation: string | null;
  carry_over: string | null;
  other_funds: string | null;
  indicator_count: number;
  submitted_by: string | null;
  submitted_at: Date | null;
  stage_entered_at: Date;
  updated_at: Date;
}

/** An item of a row; its names are the ids until `named` fills them in. */
export function toItem(row: Row): ListItem {
  return {
    id: row.declaration_id,
    year: row.year,
    projectName: row.project_name,
    nature: row.nature,
    category: row.category,
    unit: { id: row.unit_id, name: row.unit_id },
    department: { id: row.department_id, name: row.department_id },
    state: row.state,
    revision: row.revision,
    version: row.version,
    funds: {
      annualTotal: fenToYuanOrNull(row.annual_total),
      currentYearAppropriation: fenToYuanOrNull(row.current_year_appropriation),
      carryOver: fenToYuanOrNull(row.carry_over),
      otherFunds: fenToYuanOrNull(row.other_funds),
    },
    indicatorCount: row.indicator_count,
    submitter: row.submitted_by ? { id: row.submitted_by, name: null } : null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    stageEnteredAt: row.stage_entered_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
