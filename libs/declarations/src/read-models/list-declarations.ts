import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { LogCheckpoint } from '@app/event-store';
import { ReadModelStatus } from '@app/projections';
import type { Actor } from '@app/identity/roles';
import { fenToYuan } from '../domain/index.js';
import { READ_MODEL, ReadModelMemo } from './read-model-memo.js';
import { ITEM_COLUMNS, named, toItem, type ListItem, type Row } from './list-items.js';
import { Filters, narrowed, scopeSql, type Narrowing } from './scope.js';

export const LIST_SORTS = {
  updatedAt: 'l.updated_at',
  projectName: 'l.project_name',
  annualTotal: 'l.annual_total',
  year: 'l.year',
  stageEnteredAt: 'l.stage_entered_at',
} as const;

export interface ListFilter extends Narrowing {
  category?: string;
  sort: keyof typeof LIST_SORTS;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
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
    /** The read model's position the answer is for (X-Read-Model-Position), read just before. */
    readonly position?: LogCheckpoint,
  ) {
    super();
  }
}

/** A page as the read model has it: the filtered set's size and funds (fen), and the page's items. */
interface Answer {
  total: number;
  fen: { annual_total: string; appropriation: string; carry_over: string; other_funds: string };
  items: ListItem[];
}

@QueryHandler(ListDeclarations)
export class ListDeclarationsHandler implements IQueryHandler<ListDeclarations> {
  private readonly memo: ReadModelMemo;

  constructor(
    private readonly db: DataSource,
    status: ReadModelStatus,
  ) {
    this.memo = new ReadModelMemo(() => status.checkpoint(READ_MODEL));
  }

  async execute({ actor, filter, position }: ListDeclarations): Promise<ListPage> {
    const where = filtersOf(actor, filter);
    const key = JSON.stringify([where.clauses, where.params, filter.sort, filter.order, filter.page, filter.pageSize]);
    const { total, fen, items } = await this.memo.answer(position, key, () => this.page(where, filter));
    return {
      items: await named(this.db, items),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
      totals: {
        annualTotal: fenToYuan(Number(fen.annual_total)),
        currentYearAppropriation: fenToYuan(Number(fen.appropriation)),
        carryOver: fenToYuan(Number(fen.carry_over)),
        otherFunds: fenToYuan(Number(fen.other_funds)),
      },
    };
  }

  /** The totals and the page: two statements sent at once. */
  private async page(where: Filters, filter: ListFilter): Promise<Answer> {
    const params = [...where.params, filter.pageSize, (filter.page - 1) * filter.pageSize];
    const [[totals], rows] = await Promise.all([
      this.db.query<(Answer['fen'] & { total: string })[]>(
        `SELECT count(*) AS total, coalesce(sum(annual_total), 0) AS annual_total,
              coalesce(sum(current_year_appropriation), 0) AS appropriation,
              coalesce(sum(carry_over), 0) AS carry_over, coalesce(sum(other_funds), 0) AS other_funds
         FROM declaration_list l ${where.where()}`,
        where.params,
      ),
      this.db.query<Row[]>(
        `SELECT ${ITEM_COLUMNS} FROM declaration_list l ${where.where()}
        ORDER BY ${LIST_SORTS[filter.sort]} ${filter.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, l.declaration_id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      ),
    ]);
    const { total, ...fen } = totals!;
    return { total: Number(total), fen, items: rows.map(toItem) };
  }
}

function filtersOf(actor: Actor, filter: ListFilter): Filters {
  const where = new Filters();
  where.raw(scopeSql(actor, 'l', where.params));
  // A discarded draft (作废) is in no list or total unless asked for by its state.
  if (!filter.states?.includes('discarded')) where.raw(`l.state <> 'discarded'`);
  return narrowed(where, filter).add('l.category = $?', filter.category);
}
