import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Actor, Status } from '../domain/index.js';
import { fenToYuanOrNull, Filters, likePattern, scopeSql } from './scope.js';

export const LIST_SORTS = {
  updatedAt: 'l.updated_at',
  projectName: 'l.project_name',
  annualTotal: 'l.annual_total',
  year: 'l.year',
  stageEnteredAt: 'l.stage_entered_at',
} as const;

export interface ListFilter {
  year?: number;
  unitId?: string;
  departmentId?: string;
  states?: Status[];
  category?: string;
  q?: string;
  sort: keyof typeof LIST_SORTS;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

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

export interface ListPage {
  items: ListItem[];
  page: number;
  pageSize: number;
  total: number;
  /** Funds of the whole filtered set (every page), in yuan. */
  totals: { annualTotal: number; currentYearAppropriation: number; carryOver: number; otherFunds: number };
}

/** The declarations the actor may see, filtered, sorted and paged, from the read model. */
export class ListDeclarations extends Query<ListPage> {
  constructor(
    readonly actor: Actor,
    readonly filter: ListFilter,
  ) {
    super();
  }
}

@QueryHandler(ListDeclarations)
export class ListDeclarationsHandler implements IQueryHandler<ListDeclarations> {
  constructor(private readonly db: DataSource) {}

  async execute({ actor, filter }: ListDeclarations): Promise<ListPage> {
    const where = new Filters();
    where.raw(scopeSql(actor, 'l', where.params));
    where
      .add('l.year = $?', filter.year)
      .add('l.unit_id = $?', filter.unitId)
      .add('l.department_id = $?', filter.departmentId);
    where
      .add('l.state = ANY($?)', filter.states?.length ? filter.states : undefined)
      .add('l.category = $?', filter.category);
    where.add('l.search_text LIKE $?', filter.q ? likePattern(filter.q) : undefined);
    const params = [...where.params, filter.pageSize, (filter.page - 1) * filter.pageSize];
    // The totals and the page are two statements sent at once.
    const [[summary], rows] = await Promise.all([
      this.db.query<Record<string, string>[]>(
        `SELECT count(*) AS total, coalesce(sum(annual_total), 0) AS annual_total,
              coalesce(sum(current_year_appropriation), 0) AS appropriation,
              coalesce(sum(carry_over), 0) AS carry_over, coalesce(sum(other_funds), 0) AS other_funds
         FROM declaration_list l ${where.where()}`,
        where.params,
      ),
      this.db.query<Row[]>(
        `SELECT l.*, u.name AS unit_name, d.name AS department_name, s.display_name AS submitter_name
         FROM declaration_list l
         LEFT JOIN units u ON u.id = l.unit_id
         LEFT JOIN departments d ON d.id = l.department_id
         LEFT JOIN users s ON s.id::text = l.submitted_by
         ${where.where()}
        ORDER BY ${LIST_SORTS[filter.sort]} ${filter.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, l.declaration_id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      ),
    ]);
    return {
      items: rows.map(toItem),
      page: filter.page,
      pageSize: filter.pageSize,
      total: Number(summary!.total),
      totals: {
        annualTotal: Number(summary!.annual_total) / 100,
        currentYearAppropriation: Number(summary!.appropriation) / 100,
        carryOver: Number(summary!.carry_over) / 100,
        otherFunds: Number(summary!.other_funds) / 100,
      },
    };
  }
}

export interface Row {
  declaration_id: string;
  year: number;
  project_name: string;
  nature: string;
  category: string | null;
  unit_id: string;
  unit_name: string | null;
  department_id: string;
  department_name: string | null;
  state: Status;
  revision: number;
  version: number;
  annual_total: string | null;
  current_year_appropriation: string | null;
  carry_over: string | null;
  other_funds: string | null;
  indicator_count: number;
  submitted_by: string | null;
  submitter_name: string | null;
  submitted_at: Date | null;
  stage_entered_at: Date;
  updated_at: Date;
}

export function toItem(row: Row): ListItem {
  return {
    id: row.declaration_id,
    year: row.year,
    projectName: row.project_name,
    nature: row.nature,
    category: row.category,
    unit: { id: row.unit_id, name: row.unit_name ?? row.unit_id },
    department: { id: row.department_id, name: row.department_name ?? row.department_id },
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
    submitter: row.submitted_by ? { id: row.submitted_by, name: row.submitter_name } : null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    stageEnteredAt: row.stage_entered_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
