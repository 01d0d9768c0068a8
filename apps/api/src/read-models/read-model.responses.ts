import { z } from 'zod';
import type { IndicatorItem, InboxPage, ListPage, Statistics } from '@app/declarations';
import type { ReadModelView } from '@app/projections';
import { named, STATUSES } from '../declarations/declaration.responses.js';
import { describes } from '../openapi/same-shape.js';

const yuan = z.number().nullable();
const stage = z.enum(['departmental_review', 'bureau_signoff', 'finance_confirmation']);

const listItemFields = {
  id: z.string(),
  year: z.number().int(),
  projectName: z.string(),
  nature: z.string(),
  category: z.string().nullable(),
  unit: named,
  department: named,
  state: z.enum(STATUSES),
  revision: z.number().int(),
  version: z.number().int(),
  funds: z.object({ annualTotal: yuan, currentYearAppropriation: yuan, carryOver: yuan, otherFunds: yuan }),
  indicatorCount: z.number().int(),
  submitter: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  submittedAt: z.string().nullable(),
  stageEnteredAt: z.string(),
  updatedAt: z.string(),
};

const pageFields = { page: z.number().int(), pageSize: z.number().int() };

export const listPageSchema = describes<ListPage>()(
  z.object({
    items: z.array(z.object(listItemFields).meta({ id: 'ListItem' })),
    ...pageFields,
    total: z.number().int(),
    totals: z.object({
      annualTotal: z.number(),
      currentYearAppropriation: z.number(),
      carryOver: z.number(),
      otherFunds: z.number(),
    }),
  }),
);

const queue = z.enum(['todo', 'returned', 'handled']);
export const inboxPageSchema = describes<InboxPage>()(
  z.object({
    queue,
    counts: z.object({ todo: z.number().int(), returned: z.number().int(), handled: z.number().int() }),
    items: z.array(
      z
        .object({
          ...listItemFields,
          arrivedAt: z.string().meta({ description: 'When it arrived in the state it waits in' }),
          dueAt: z.string().nullable().meta({ description: 'The stage’s due time (the last day ends at 24:00)' }),
          lastReturn: z
            .object({ stage, reason: z.string(), by: z.string(), byName: z.string().nullable(), at: z.string() })
            .nullable(),
          myLastAction: z.object({ action: z.string(), stage: stage.nullable(), at: z.string() }).nullable(),
        })
        .meta({ id: 'InboxItem' }),
    ),
    ...pageFields,
  }),
);

const tally = z.object({ count: z.number().int(), annualTotal: z.number() });
const pendingAmendments = z
  .object({
    count: z.number().int(),
    annualTotal: z.number().meta({ description: 'The amendments’ 年度资金申请总额 as they stand, in yuan' }),
    change: z.number().meta({ description: 'What confirming them would change the confirmed total by, in yuan' }),
  })
  .meta({
    description: 'Amendments under way; byState still counts their last confirmed revision as confirmed',
  });
const group = z.object({
  id: z.string(),
  name: z.string(),
  total: tally,
  byState: z.record(z.string(), tally),
  pendingAmendments,
});
export const statisticsSchema = describes<Statistics>()(
  z.object({
    year: z.number().int().meta({ description: 'The budget year counted (the current one when none was asked for)' }),
    yearDefaulted: z.boolean().meta({ description: 'true when no year was asked for' }),
    byUnit: z.array(group),
    byDepartment: z.array(group),
    indicators: z.object({
      total: z.number().int(),
      byKind: z.record(z.string(), z.number().int()),
      byLevel: z.array(
        z.object({
          level1: z.string(),
          level2: z.string(),
          count: z.number().int(),
          quantitative: z.number().int(),
          qualitative: z.number().int(),
        }),
      ),
    }),
  }),
);

export const indicatorPageSchema = describes<{
  items: IndicatorItem[];
  total: number;
  page: number;
  pageSize: number;
}>()(
  z.object({
    items: z.array(
      z.object({
        declarationId: z.string(),
        indicatorId: z.string(),
        projectName: z.string(),
        unit: named,
        year: z.number().int(),
        state: z.string(),
        level1: z.string(),
        level2: z.string(),
        name: z.string(),
        target: z.string().nullable(),
        kind: z.string(),
        comparator: z.string().nullable(),
        value: z.number().nullable(),
        measure: z.string().nullable(),
      }),
    ),
    total: z.number().int(),
    ...pageFields,
  }),
);

export const readModelsSchema = describes<ReadModelView[]>()(
  z.array(
    z
      .object({
        name: z.string(),
        tables: z.array(z.string()),
        checkpoint: z.string(),
        eventsApplied: z.number().int(),
        updatedAt: z.string().nullable(),
        lag: z.object({ events: z.number().int(), seconds: z.number() }),
        rebuild: z
          .object({
            id: z.string(),
            status: z.enum(['queued', 'running', 'swapping', 'completed', 'failed']),
            eventsDone: z.number().int(),
            eventsTotal: z.number().int().nullable(),
            progress: z.number().nullable(),
            requestedBy: z.string().nullable(),
            requestedAt: z.string(),
            startedAt: z.string().nullable(),
            finishedAt: z.string().nullable(),
            error: z.string().nullable(),
            parked: z.number().int(),
          })
          .nullable(),
        parked: z.array(
          z.object({
            streamId: z.string(),
            position: z.string(),
            eventType: z.string(),
            error: z.string(),
            parkedAt: z.string(),
          }),
        ),
      })
      .meta({ id: 'ReadModel' }),
  ),
);

export const queuedJobSchema = z.object({ rebuildId: z.string(), status: z.literal('queued') });

export const restoredStreamSchema = z.object({ name: z.string(), streamId: z.string(), status: z.literal('restored') });
