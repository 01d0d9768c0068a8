import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Names } from '@app/identity';
import type { Actor } from '@app/identity/roles';
import { Filters, likePattern, scopeSql } from './scope.js';

export interface IndicatorFilter {
  year?: number;
  unitId?: string;
  departmentId?: string;
  level1?: string;
  level2?: string;
  kind?: 'quantitative' | 'qualitative' | 'malformed' | 'missing';
  q?: string;
  page: number;
  pageSize: number;
}

export interface IndicatorItem {
  declarationId: string;
  indicatorId: string;
  projectName: string;
  unit: { id: string; name: string };
  year: number;
  state: string;
  level1: string;
  level2: string;
  name: string;
  target: string | null;
  kind: string;
  comparator: string | null;
  value: number | null;
  /** 计量单位 of a quantitative target. */
  measure: string | null;
}

/** Indicators across declarations, to compare the targets of similar projects across units. */
export class ListIndicators extends Query<{ items: IndicatorItem[]; total: number; page: number; pageSize: number }> {
  constructor(
    readonly actor: Actor,
    readonly filter: IndicatorFilter,
  ) {
    super();
  }
}

@QueryHandler(ListIndicators)
export class ListIndicatorsHandler implements IQueryHandler<ListIndicators> {
  constructor(
    private readonly db: DataSource,
    private readonly names: Names,
  ) {}

  async execute({ actor, filter }: ListIndicators) {
    const where = new Filters();
    where.raw(scopeSql(actor, 'i', where.params));
    where.raw(`i.state <> 'discarded'`);
    where
      .add('i.year = $?', filter.year)
      .add('i.unit_id = $?', filter.unitId)
      .add('i.department_id = $?', filter.departmentId);
    where.add('i.level1 = $?', filter.level1).add('i.level2 = $?', filter.level2).add('i.kind = $?', filter.kind);
    where.add('lower(i.name) LIKE $?', filter.q ? likePattern(filter.q) : undefined);
    const [count] = await this.db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM indicator_rows i ${where.where()}`,
      where.params,
    );
    const params = [...where.params, filter.pageSize, (filter.page - 1) * filter.pageSize];
    const rows = await this.db.query<Record<string, string | number | null>[]>(
      `SELECT i.* FROM indicator_rows i
        ${where.where()}
        ORDER BY i.level1, i.level2, i.name, i.declaration_id, i.position
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const names = await this.names.of({ units: rows.map((r) => String(r.unit_id)) });
    const items: IndicatorItem[] = rows.map((r) => ({
      declarationId: String(r.declaration_id),
      indicatorId: String(r.indicator_id),
      projectName: String(r.project_name),
      unit: { id: String(r.unit_id), name: names.unit(String(r.unit_id)) ?? String(r.unit_id) },
      year: Number(r.year),
      state: String(r.state),
      level1: String(r.level1),
      level2: String(r.level2),
      name: String(r.name),
      target: r.target === null ? null : String(r.target),
      kind: String(r.kind),
      comparator: r.comparator === null ? null : String(r.comparator),
      value: r.value === null ? null : Number(r.value),
      measure: r.unit === null ? null : String(r.unit),
    }));
    return { items, total: Number(count!.n), page: filter.page, pageSize: filter.pageSize };
  }
}
