import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Names } from '@app/identity';
import type { Actor } from '@app/identity/roles';
import { fenToYuan } from '../domain/index.js';
import { Filters, scopeSql } from './scope.js';

export interface StatsFilter {
  year?: number;
  unitId?: string;
  departmentId?: string;
}

interface Tally {
  count: number;
  /** 年度资金申请总额 in yuan. */
  annualTotal: number;
}

export interface GroupStats {
  id: string;
  name: string;
  total: Tally;
  byState: Record<string, Tally>;
}

export interface Statistics {
  byUnit: GroupStats[];
  byDepartment: GroupStats[];
  indicators: {
    total: number;
    byKind: Record<string, number>;
    byLevel: { level1: string; level2: string; count: number; quantitative: number; qualitative: number }[];
  };
}

/** Counts and funds by workflow state per unit and department; indicators by level and kind. */
export class GetStatistics extends Query<Statistics> {
  constructor(
    readonly actor: Actor,
    readonly filter: StatsFilter,
  ) {
    super();
  }
}

@QueryHandler(GetStatistics)
export class GetStatisticsHandler implements IQueryHandler<GetStatistics> {
  constructor(
    private readonly db: DataSource,
    private readonly names: Names,
  ) {}

  async execute({ actor, filter }: GetStatistics): Promise<Statistics> {
    const where = (alias: string) => {
      const f = new Filters();
      f.raw(scopeSql(actor, alias, f.params));
      // Discarded drafts (作废) count nowhere.
      f.raw(`${alias}.state <> 'discarded'`);
      return f
        .add(`${alias}.year = $?`, filter.year)
        .add(`${alias}.unit_id = $?`, filter.unitId)
        .add(`${alias}.department_id = $?`, filter.departmentId);
    };
    const byUnit = await this.groups('l.unit_id', 'unit', where('l'));
    const byDepartment = await this.groups('l.department_id', 'department', where('l'));
    const i = where('i');
    const levels = await this.db.query<
      { level1: string; level2: string; count: string; quantitative: string; qualitative: string }[]
    >(
      `SELECT level1, level2, count(*) AS count,
              count(*) FILTER (WHERE kind = 'quantitative') AS quantitative,
              count(*) FILTER (WHERE kind = 'qualitative') AS qualitative
         FROM indicator_rows i ${i.where()} GROUP BY level1, level2 ORDER BY level1, level2`,
      i.params,
    );
    const kinds = await this.db.query<{ kind: string; count: string }[]>(
      `SELECT kind, count(*) AS count FROM indicator_rows i ${i.where()} GROUP BY kind`,
      i.params,
    );
    return {
      byUnit,
      byDepartment,
      indicators: {
        total: kinds.reduce((sum, k) => sum + Number(k.count), 0),
        byKind: Object.fromEntries(kinds.map((k) => [k.kind, Number(k.count)])),
        byLevel: levels.map((l) => ({
          level1: l.level1,
          level2: l.level2,
          count: Number(l.count),
          quantitative: Number(l.quantitative),
          qualitative: Number(l.qualitative),
        })),
      },
    };
  }

  private async groups(column: string, kind: 'unit' | 'department', where: Filters): Promise<GroupStats[]> {
    const rows = await this.db.query<{ id: string; state: string; count: string; annual_total: string }[]>(
      `SELECT ${column} AS id, l.state, count(*) AS count, coalesce(sum(l.annual_total), 0) AS annual_total
         FROM declaration_list l
         ${where.where()} GROUP BY ${column}, l.state ORDER BY ${column}, l.state`,
      where.params,
    );
    const ids = rows.map((r) => r.id);
    const names = await this.names.of(kind === 'unit' ? { units: ids } : { departments: ids });
    const groups = new Map<string, GroupStats>();
    // Sums stay in fen (exact); yuan only for what is shown.
    const totalFen = new Map<string, number>();
    for (const row of rows) {
      const group = groups.get(row.id) ?? {
        id: row.id,
        name: names[kind](row.id) ?? row.id,
        total: { count: 0, annualTotal: 0 },
        byState: {},
      };
      const fen = Number(row.annual_total);
      const tally = { count: Number(row.count), annualTotal: fenToYuan(fen) };
      group.byState[row.state] = tally;
      totalFen.set(row.id, (totalFen.get(row.id) ?? 0) + fen);
      group.total = { count: group.total.count + tally.count, annualTotal: fenToYuan(totalFen.get(row.id)!) };
      groups.set(row.id, group);
    }
    return [...groups.values()];
  }
}
