import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  GetInbox,
  GetStatistics,
  ListDeclarations,
  ListIndicators,
  type InboxPage,
  type ListPage,
  type Statistics,
} from '@app/declarations';
import { formatCheckpoint, parseCheckpoint, type LogCheckpoint } from '@app/event-store';
import { ReadModelStatus } from '@app/projections';
import type { Actor } from '@app/identity/roles';
import { CurrentActor } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import { inboxPageSchema, indicatorPageSchema, listPageSchema, statisticsSchema } from './read-model.responses.js';
import {
  indicatorsQuerySchema,
  inboxQuerySchema,
  listQuerySchema,
  statsQuerySchema,
  type IndicatorsQuery,
  type InboxQuery,
  type ListQuery,
  type StatsQuery,
} from './read-model.schemas.js';

const READ_MODEL = 'declarations';
const READ_YOUR_WRITES = {
  after: 'The X-Log-Position of your write: wait until the read model has it',
  waitMs: 'How long to wait for `after` (503 READ_MODEL_LAGGING after that)',
};

/**
 * The read side: eventually consistent with the log (the worker keeps it). Every response
 * says how far the read model has got (X-Read-Model-Position); `?after=<X-Log-Position of a
 * write>` waits until it has that write.
 */
@ApiTags('read models')
@ApiBearerAuth()
@Controller()
export class ReadModelsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly status: ReadModelStatus,
  ) {}

  @Get('declarations')
  @ApiOperation({
    summary: '申报表列表 · Declarations you may see',
    description:
      'Filters, sort, pages, and the funds totals of the whole filtered set. state takes several, comma-separated.',
  })
  @QueryFrom(listQuerySchema, READ_YOUR_WRITES)
  @Answers(200, listPageSchema, 'A page', ['readModelPosition'])
  @Fails(400)
  async list(
    @CurrentActor() actor: Actor,
    @Query(validated(listQuerySchema)) q: ListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ListPage> {
    const position = await this.consistent(q, res);
    return this.queries.execute(new ListDeclarations(actor, { ...filtersOf(q), category: q.category }, position));
  }

  @Get('inbox')
  @ApiOperation({
    summary: '待办 · What waits for you: todo (待办), returned (被退回), handled (已办)',
    description:
      '按年度、单位树（主管部门含其实施单位）、状态、文字筛选，可排序；各队列计数同样按筛选条件计算。 ' +
      'Filters by year, unit or department (its units included), state (several, comma-separated) and text; ' +
      'sort by arrivedAt, dueAt, projectName or updatedAt. counts are of the filtered queues.',
  })
  @QueryFrom(inboxQuerySchema, {
    ...READ_YOUR_WRITES,
    unit: '实施单位 · A unit id',
    department: '主管部门 · A department id: the declarations of all its units',
    state: '状态 · One state or several, comma-separated',
    q: '文字 · Text in the project or indicator names (% and _ are literal)',
    sort: '排序 · Default: the queue’s own order (the oldest arrival first; in handled, your latest action first)',
    order: 'Default asc (desc for updatedAt)',
  })
  @Answers(200, inboxPageSchema, 'The queue’s page and the counts of every queue', ['readModelPosition'])
  @Fails(400)
  async inbox(
    @CurrentActor() actor: Actor,
    @Query(validated(inboxQuerySchema)) q: InboxQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InboxPage> {
    const position = await this.consistent(q, res);
    return this.queries.execute(new GetInbox(actor, { ...filtersOf(q), queue: q.queue }, position));
  }

  @Get('stats')
  @ApiOperation({ summary: '统计 · Counts and funds by state per unit and department; indicators by level and kind' })
  @QueryFrom(statsQuerySchema, READ_YOUR_WRITES)
  @Answers(200, statisticsSchema, 'The statistics', ['readModelPosition'])
  @Fails(400)
  async stats(
    @CurrentActor() actor: Actor,
    @Query(validated(statsQuerySchema)) q: StatsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Statistics> {
    await this.consistent(q, res);
    return this.queries.execute(new GetStatistics(actor, { year: q.year, unitId: q.unit, departmentId: q.department }));
  }

  @Get('indicators')
  @ApiOperation({ summary: '指标库 · Indicators across declarations, to compare targets of similar projects' })
  @QueryFrom(indicatorsQuerySchema, READ_YOUR_WRITES)
  @Answers(200, indicatorPageSchema, 'A page', ['readModelPosition'])
  @Fails(400)
  async indicators(
    @CurrentActor() actor: Actor,
    @Query(validated(indicatorsQuerySchema)) q: IndicatorsQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.consistent(q, res);
    return this.queries.execute(
      new ListIndicators(actor, {
        year: q.year,
        unitId: q.unit,
        departmentId: q.department,
        level1: q.level1,
        level2: q.level2,
        kind: q.kind,
        q: q.q,
        page: q.page,
        pageSize: q.pageSize,
      }),
    );
  }

  /** Waits for `after` if asked to, and says (and returns) where the read model stands. */
  private async consistent(q: { after?: string; waitMs: number }, res: Response): Promise<LogCheckpoint> {
    const after = q.after === undefined ? null : parseCheckpoint(q.after);
    if (after) await this.status.waitFor(READ_MODEL, after, q.waitMs);
    const position = await this.status.checkpoint(READ_MODEL);
    res.setHeader('X-Read-Model-Position', formatCheckpoint(position));
    return position;
  }
}

/** The query's names (`unit`, `state`) as the read side's filters name them (`unitId`, `states`). */
function filtersOf<Q extends ListQuery | InboxQuery>(q: Q) {
  const { year, unit, department, state, q: text, page, pageSize } = q;
  return {
    year,
    unitId: unit,
    departmentId: department,
    states: state,
    q: text,
    sort: q.sort as Q['sort'],
    order: q.order as Q['order'],
    page,
    pageSize,
  };
}
