import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Names } from '@app/identity';
import type { Actor } from '@app/identity/roles';
import { Clock } from '@app/platform';
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

/** Amendments under way: counted as confirmed (the last confirmed revision) in `byState`, and here as they stand. */
interface PendingAmendments {
  count: number;
  /** 年度资金申请总额 of the amendments as they stand now, in yuan. */
  annualTotal: number;
  /** What confirming them all would change the confirmed total by, in yuan. */
  change: number;
}

export interface GroupStats {
  id: string;
  name: string;
  total: Tally;
  byState: Record<string, Tally>;
  pendingAmendments: PendingAmendments;
}

export interface Statistics {
  /** The budget year counted: the one asked for, or the current one (Shanghai time) when none was. */
  year: number;
  yearDefaulted: boolean;
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
    private readonly clock: Clock,
  ) {}

  async execute({ actor, filter: asked }: GetStatistics): Promise<Statistics> {
    // Totals over several budget years add up nothing a budget office reports: one year at a time.
    const filter = { ...asked, year: asked.year ?? currentBudgetYear(this.clock.now()) };
    const where = (alias: string) => {
      const f = new Filters();
      f.raw(scopeSql(actor, alias, f.params));
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
      year: filter.year,
      yearDefaulted: asked.year === undefined,
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
    const rows = await this.db.query<Row[]>(
      `SELECT ${column} AS id, CASE WHEN ${AMENDING} THEN 'confirmed' ELSE l.state END AS state, count(*) AS count,
              coalesce(sum(CASE WHEN ${AMENDING} THEN l.confirmed_annual_total ELSE l.annual_total END), 0) AS annual_total,
              count(*) FILTER (WHERE ${AMENDING}) AS pending_count,
              coalesce(sum(l.annual_total) FILTER (WHERE ${AMENDING}), 0) AS pending_total,
              coalesce(sum(coalesce(l.annual_total, 0) - coalesce(l.confirmed_annual_total, 0))
                FILTER (WHERE ${AMENDING}), 0) AS pending_change
         FROM declaration_list l
         ${where.where()} GROUP BY 1, 2 ORDER BY 1, 2`,
      where.params,
    );
    const ids = rows.map((r) => r.id);
    const names = await this.names.of(kind === 'unit' ? { units: ids } : { departments: ids });
    const groups = new Map<string, GroupStats>();
    // Sums stay in fen (exact); yuan only for what is shown.
    const fen = new Map<string, { total: number; pending: number; change: number }>();
    for (const row of rows) {
      const group = groups.get(row.id) ?? {
        id: row.id,
        name: names[kind](row.id) ?? row.id,
        total: { count: 0, annualTotal: 0 },
        byState: {},
        pendingAmendments: { count: 0, annualTotal: 0, change: 0 },
      };
      const sums = fen.get(row.id) ?? { total: 0, pending: 0, change: 0 };
      sums.total += Number(row.annual_total);
      sums.pending += Number(row.pending_total);
      sums.change += Number(row.pending_change);
      fen.set(row.id, sums);
      const tally = { count: Number(row.count), annualTotal: fenToYuan(Number(row.annual_total)) };
      group.byState[row.state] = tally;
      group.total = { count: group.total.count + tally.count, annualTotal: fenToYuan(sums.total) };
      group.pendingAmendments = {
        count: group.pendingAmendments.count + Number(row.pending_count),
        annualTotal: fenToYuan(sums.pending),
        change: fenToYuan(sums.change),
      };
      groups.set(row.id, group);
    }
    return [...groups.values()];
  }
}

/** An amendment is under way: a revision was confirmed before, and the row is not (yet) confirmed again. */
const AMENDING = `(l.confirmed_revision IS NOT NULL AND l.state <> 'confirmed')`;

interface Row {
  id: string;
  state: string;
  count: string;
  annual_total: string;
  pending_count: string;
  pending_total: string;
  pending_change: string;
}

/** The budget year in force: the calendar year in Shanghai. */
export function currentBudgetYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}
