import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { LogCheckpoint } from '@app/event-store';
import { ReadModelStatus } from '@app/projections';
import { Names } from '@app/identity';
import type { Actor } from '@app/identity/roles';
import { STAGE_ROLE, type Stage } from '../domain/index.js';
import { ITEM_COLUMNS, named, type Row } from './list-items.js';
import { toInboxItem, type InboxItem, type InboxRow } from './inbox-items.js';
import { READ_MODEL, ReadModelMemo } from './read-model-memo.js';
import { mayReviewSql } from './may-review.js';
import { Filters, narrowed, scopeSql, type Narrowing } from './scope.js';

export const INBOX_QUEUES = ['todo', 'returned', 'handled'] as const;
export type InboxQueue = (typeof INBOX_QUEUES)[number];

/** The inbox's sorts: arrival in the stage, due time, project name, last change. */
export const INBOX_SORTS = {
  arrivedAt: 'l.stage_entered_at',
  dueAt: 'l.due_at',
  projectName: 'l.project_name',
  updatedAt: 'l.updated_at',
} as const;
export type InboxSort = keyof typeof INBOX_SORTS;

export interface InboxFilter extends Narrowing {
  queue: InboxQueue;
  /** Without one, the queue's own order: what waits longest first; in `handled`, what the caller did last first. */
  sort?: InboxSort;
  /** Default: ascending, but the latest change first for `updatedAt`. */
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface InboxPage {
  queue: InboxQueue;
  /** Every queue's size under the same filters. */
  counts: Record<InboxQueue, number>;
  items: InboxItem[];
  page: number;
  pageSize: number;
}

/**
 * What waits for the caller: to act on (待审核), returned (被退回), handled by them (已办).
 * A reviewer's to-act-on queue holds what the workflow's guards let them act on (mayReviewSql).
 */
export class GetInbox extends Query<InboxPage> {
  constructor(
    readonly actor: Actor,
    readonly filter: InboxFilter,
    /** The read model's position the answer is for (X-Read-Model-Position), read just before. */
    readonly position?: LogCheckpoint,
  ) {
    super();
  }
}

const REVIEW_STAGE = Object.fromEntries(Object.entries(STAGE_ROLE).map(([stage, role]) => [role, stage])) as Partial<
  Record<Actor['role'], Stage>
>;

/** A queue's WHERE clause with the filters, or null for a queue the actor has none of. */
function whereSql(actor: Actor, queue: InboxQueue, filter: Narrowing, params: unknown[]): string | null {
  const where = queueSql(actor, queue, params);
  if (!where) return null;
  return narrowed(new Filters(params).raw(`(${where})`), filter).clauses.join(' AND ');
}

/** The WHERE clause of each queue, for the actor; `$1` is the actor's id. */
function queueSql(actor: Actor, queue: InboxQueue, params: unknown[]): string | null {
  const stage = REVIEW_STAGE[actor.role];
  // Only what the caller may read, like every list (and it keeps a reviewer's queues to one department).
  // A discarded draft (作废) leaves every queue, the handled one too.
  if (queue === 'handled')
    return `${scopeSql(actor, 'l', params)} AND l.state <> 'discarded' AND EXISTS (SELECT 1 FROM declaration_actions a
      WHERE a.declaration_id = l.declaration_id AND a.user_id = $1)`;
  if (actor.role === 'preparer') {
    const returned = queue === 'returned' ? 'IS NOT NULL' : 'IS NULL';
    return `l.state = 'draft' AND l.unit_id = $${params.push(actor.unitId)} AND l.returned_at ${returned}`;
  }
  if (!stage) return null;
  if (queue === 'returned') {
    return `${scopeSql(actor, 'l', params)} AND l.state = 'draft' AND l.returned_at IS NOT NULL
      AND EXISTS (SELECT 1 FROM declaration_actions a
      WHERE a.declaration_id = l.declaration_id AND a.user_id = $1 AND a.action = 'approved'
        AND a.revision = l.revision AND a.at <= l.returned_at)`;
  }
  const person = {
    userId: '$1',
    role: `$${params.push(actor.role)}::text`,
    departmentId: `$${params.push(actor.departmentId)}::text`,
  };
  return mayReviewSql(person, stage);
}

@QueryHandler(GetInbox)
export class GetInboxHandler implements IQueryHandler<GetInbox> {
  private readonly memo: ReadModelMemo;

  constructor(
    private readonly db: DataSource,
    status: ReadModelStatus,
  ) {
    this.memo = new ReadModelMemo(() => status.checkpoint(READ_MODEL));
  }

  async execute({ actor, filter, position }: GetInbox): Promise<InboxPage> {
    const { queue, sort, order, page, pageSize, ...narrowing } = filter;
    // Every filter is in both keys: an answer is only ever reused for the same question.
    const caller = JSON.stringify([actor.userId, actor.role, actor.unitId, actor.departmentId, narrowing]);
    // The counts and the page are computed at once, not one after the other.
    const [counts, items] = await Promise.all([
      this.memo.answer(position, `counts ${caller}`, () => this.counts(actor, narrowing)),
      this.memo.answer(position, JSON.stringify([queue, sort, order, page, pageSize, caller]), () =>
        this.items(actor, filter),
      ),
    ]);
    return { queue, counts, items: await this.returnersNamed(await named(this.db, items)), page, pageSize };
  }

  /** Who returned each item, by name: a person reads 张三, not an id. */
  private async returnersNamed(items: InboxItem[]): Promise<InboxItem[]> {
    const returners = await Names.for(this.db).users(items.flatMap((i) => (i.lastReturn ? [i.lastReturn.by] : [])));
    return items.map((item) =>
      item.lastReturn
        ? {
            ...item,
            lastReturn: { ...item.lastReturn, byName: returners.get(item.lastReturn.by)?.displayName ?? null },
          }
        : item,
    );
  }

  /** Every queue's count in one statement. */
  private async counts(actor: Actor, filter: Narrowing): Promise<Record<InboxQueue, number>> {
    const params: unknown[] = [actor.userId];
    const counts = INBOX_QUEUES.map((name) => {
      const where = whereSql(actor, name, filter, params);
      return `${where ? `(SELECT count(*) FROM declaration_list l WHERE ${where})` : '0'} AS ${name}`;
    });
    const [row] = await this.db.query<Record<InboxQueue, string>[]>(
      // $1 (the caller) is typed here because not every queue's clause refers to it.
      `SELECT ${counts.join(', ')} FROM (SELECT $1::text AS caller) c`,
      params,
    );
    return { todo: Number(row!.todo), returned: Number(row!.returned), handled: Number(row!.handled) };
  }

  /** The page, in the order asked for or the queue's own. */
  private async items(actor: Actor, filter: InboxFilter): Promise<InboxItem[]> {
    const { queue, sort, page, pageSize } = filter;
    const params: unknown[] = [actor.userId];
    const where = whereSql(actor, queue, filter, params);
    if (!where) return [];
    const direction = filter.order ?? (sort === 'updatedAt' ? 'desc' : 'asc');
    const order = sort
      ? `${INBOX_SORTS[sort]} ${direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`
      : queue === 'handled'
        ? 'my_at DESC'
        : 'l.stage_entered_at ASC';
    params.push(pageSize, (page - 1) * pageSize);
    const rows = await this.db.query<(Row & InboxRow)[]>(
      `SELECT ${ITEM_COLUMNS}, l.due_at, l.returned_by, l.returned_at, l.returned_stage, l.return_reason,
              l.return_opinions,
              mine.action AS my_action, mine.stage AS my_stage, mine.at AS my_at
         FROM declaration_list l
         LEFT JOIN LATERAL (SELECT action, stage, at FROM declaration_actions a
                             WHERE a.declaration_id = l.declaration_id AND a.user_id = $1
                             ORDER BY a.at DESC, a.version DESC LIMIT 1) mine ON TRUE
        WHERE ${where}
        ORDER BY ${order}, l.declaration_id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map(toInboxItem);
  }
}
