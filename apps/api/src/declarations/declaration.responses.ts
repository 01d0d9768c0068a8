import { z } from 'zod';
import type { ChecksView, DeclarationView, DiffView, HistoryEntry, RevisionView } from '@app/declarations';
import { describes } from '../openapi/same-shape.js';

/** Response bodies of /declarations/:id and its actions, in the glossary's names (DOMAIN.md). */

export const STATUSES = [
  'draft',
  'departmental_review',
  'bureau_signoff',
  'finance_confirmation',
  'confirmed',
  'rejected',
  'discarded',
] as const;
const STAGES = ['departmental_review', 'bureau_signoff', 'finance_confirmation'] as const;
const status = z.enum(STATUSES).meta({ id: 'Status' });
const stage = z.enum(STAGES);
export const named = z.object({ id: z.string(), name: z.string() });
const yuan = z.number().nullable().meta({ description: 'Yuan, two decimals' });

export const findingSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['blocking', 'warning']).meta({ description: 'blocking: 强制性审核; warning: 提示性审核' }),
    message: z
      .string()
      .meta({ description: 'For the unit and the reviewer: Chinese, or English on Accept-Language: en' }),
    path: z.string().meta({ description: 'The field, e.g. indicators[3].target' }),
    indicatorId: z
      .string()
      .optional()
      .meta({ description: '所涉指标行 · The indicator row it is about (PATCH …/indicators/{indicatorId})' }),
  })
  .meta({ id: 'Finding' });

const parsedTarget = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('quantitative'),
    comparator: z.enum(['≤', '≥', '=', '<', '>']),
    value: z.number(),
    unit: z.string().nullable(),
  }),
  z.object({ kind: z.literal('qualitative'), text: z.string() }),
  z.object({ kind: z.literal('malformed'), reason: z.string() }),
]);

export const indicatorViewSchema = z.object({
  id: z.string(),
  level1: z.string().meta({ description: '一级指标' }),
  level2: z.string().meta({ description: '二级指标' }),
  name: z.string().meta({ description: '三级指标' }),
  target: z.string().nullable().meta({ description: '年度指标值, as written' }),
  parsedTarget: parsedTarget.nullable(),
});

const contentFields = {
  year: z.number().int(),
  projectName: z.string(),
  nature: z.string(),
  category: z.string().nullable(),
  plannedStart: z.string().nullable().meta({ description: 'YYYY-MM-DD' }),
  plannedEnd: z.string().nullable(),
  overallGoal: z.string().nullable(),
  annualGoal: z.string().nullable(),
  funds: z.object({
    projectTotal: yuan,
    annualTotal: yuan,
    currentYearAppropriation: yuan,
    carryOver: yuan,
    otherFunds: yuan,
  }),
  indicators: z.array(indicatorViewSchema),
};
export const contentSchema = z.object(contentFields);

const lastReturn = z.object({ stage, reason: z.string(), by: z.string(), at: z.string() });
const workflow = z.discriminatedUnion('status', [
  z.object({ status: z.literal('draft'), lastReturn: lastReturn.nullable() }),
  z.object({
    status: stage,
    submittedBy: z.string(),
    submittedAt: z.string(),
    enteredAt: z.string(),
    dueAt: z.string().nullable(),
    warnings: z.array(findingSchema),
  }),
  z.object({ status: z.literal('confirmed'), confirmedBy: z.string(), confirmedAt: z.string() }),
  z.object({
    status: z.literal('rejected'),
    stage,
    reason: z.string(),
    rejectedBy: z.string(),
    rejectedAt: z.string(),
  }),
  z.object({
    status: z.literal('discarded'),
    reason: z.string(),
    discardedBy: z.string(),
    discardedAt: z.string(),
  }),
]);

const opinionView = z.object({
  opinion: z.string().meta({ description: '审核意见' }),
  stage,
  action: z.enum(['approve', 'return', 'reject']),
  by: named,
  at: z.string(),
});

export const declarationViewSchema = describes<DeclarationView>()(
  z
    .object({
      id: z.string(),
      ...contentFields,
      unit: named,
      department: named,
      state: status,
      revision: z.number().int(),
      version: z.number().int().meta({ description: 'The stream version: the ETag' }),
      workflow,
      origin: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('typed') }),
        z.object({
          kind: z.literal('import'),
          fileSha256: z.string(),
          formIndex: z.number().int(),
          findings: z
            .array(findingSchema)
            .optional()
            .meta({ description: '导入时读表发现的问题 · What the reader saw of the printed layout' }),
        }),
      ]),
      createdBy: z.string(),
      createdAt: z.string(),
      closedRevisions: z.array(
        z.object({
          revision: z.number().int(),
          outcome: z.enum(['confirmed', 'rejected']),
          by: z.string(),
          at: z.string(),
        }),
      ),
      people: z
        .record(z.string(), z.string())
        .meta({ description: '其中出现的人员姓名 · The name of every person the declaration names by id' }),
      everSubmitted: z
        .boolean()
        .meta({ description: 'Submitted at least once; a draft never submitted may be discarded' }),
      opinions: z.record(z.string(), z.array(opinionView)).meta({
        description:
          'The reviewers’ 审核意见 on the revision in force, per indicator id (rows that still exist), oldest first',
      }),
      grade: z
        .object({ grade: z.string(), by: named, at: z.string() })
        .nullable()
        .meta({ description: '评审等级 departmental review gave the revision in force (the last one)' }),
    })
    .meta({ id: 'Declaration' }),
);

export const checksViewSchema = describes<ChecksView>()(
  z
    .object({
      declarationId: z.string(),
      version: z.number().int(),
      year: z.number().int(),
      blocking: z.number().int(),
      warnings: z.number().int(),
      findings: z.array(findingSchema),
    })
    .meta({ id: 'Checks' }),
);

export const revisionsSchema = describes<RevisionView[]>()(
  z.array(
    z.object({
      ...contentFields,
      declarationId: z.string(),
      revision: z.number().int(),
      status: z.string(),
      closedBy: z.string().nullable(),
      closedAt: z.string().nullable(),
    }),
  ),
);

const fieldChange = z.object({
  field: z.string().meta({ description: 'projectName, funds.annualTotal, indicators[<id>].target …' }),
  before: z.unknown(),
  after: z.unknown(),
});

const versionSide = z.object({
  version: z.number().int(),
  revision: z.number().int(),
  state: status,
  recordedAt: z.string(),
  content: contentSchema,
});

export const diffViewSchema = describes<DiffView>()(
  z
    .object({
      declarationId: z.string(),
      currentVersion: z.number().int(),
      from: versionSide,
      to: versionSide,
      changes: z.array(fieldChange),
    })
    .meta({ id: 'Diff' }),
);

export const historyEntryFields = {
  version: z.number().int(),
  globalPosition: z.string(),
  type: z.string(),
  recordedAt: z.string(),
  actor: z.object({
    id: z.string(),
    username: z.string().nullable(),
    displayName: z.string().nullable(),
    role: z.string(),
    unit: z.string().nullable(),
  }),
  stage: z.object({ before: status.nullable(), after: status }),
  revision: z.number().int(),
  comment: z.string().nullable(),
  opinions: z
    .array(z.object({ indicatorId: z.string(), indicatorName: z.string().nullable(), opinion: z.string() }))
    .meta({ description: '审核意见 per indicator row given with an approval, return or rejection' }),
  grade: z.string().nullable().meta({ description: '评审等级 given at departmental review' }),
  changes: z.array(fieldChange),
  correlationId: z.string().nullable(),
  commandId: z.string().nullable(),
  hash: z.string(),
  previousHash: z.string().nullable(),
};
describes<HistoryEntry>()(z.object(historyEntryFields));
