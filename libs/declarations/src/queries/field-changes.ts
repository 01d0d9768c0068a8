import {
  BASIC_FIELDS,
  FUND_FIELDS,
  GOAL_FIELDS,
  INDICATOR_FIELDS,
  fenToYuanOrNull,
  type DeclarationContent,
  type Indicator,
} from '../domain/index.js';

/**
 * One field that differs, named as an auditor reads it: `projectName`, `funds.annualTotal`
 * (in yuan), `indicators[<id>].target`, or `indicators[<id>]` for a whole indicator added
 * (before null) or removed (after null).
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * Every field that differs between two contents, in the order the form prints them (basic
 * information, funds, goals, indicators). `null` stands for "nothing yet": diffing from null
 * lists everything a draft started with. Indicators are matched by id, never by position:
 * a removal must not read as every later indicator being renamed.
 */
export function contentChanges(before: DeclarationContent | null, after: DeclarationContent | null): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (field: string, was: unknown, is: unknown) => {
    if (was !== is) changes.push({ field, before: was, after: is });
  };
  for (const field of BASIC_FIELDS) add(field, before?.[field] ?? null, after?.[field] ?? null);
  for (const field of FUND_FIELDS) {
    add(`funds.${field}`, fenToYuanOrNull(before?.funds[field] ?? null), fenToYuanOrNull(after?.funds[field] ?? null));
  }
  for (const field of GOAL_FIELDS) add(field, before?.[field] ?? null, after?.[field] ?? null);
  changes.push(...indicatorChanges(before?.indicators ?? [], after?.indicators ?? []));
  return changes;
}

function indicatorChanges(before: readonly Indicator[], after: readonly Indicator[]): FieldChange[] {
  const changes: FieldChange[] = [];
  const afterIds = new Set(after.map((i) => i.id));
  for (const removed of before.filter((i) => !afterIds.has(i.id))) {
    changes.push({ field: `indicators[${removed.id}]`, before: { ...removed }, after: null });
  }
  const beforeById = new Map(before.map((i) => [i.id, i]));
  for (const indicator of after) {
    const was = beforeById.get(indicator.id);
    if (!was) {
      changes.push({ field: `indicators[${indicator.id}]`, before: null, after: { ...indicator } });
      continue;
    }
    for (const field of INDICATOR_FIELDS) {
      if (was[field] !== indicator[field]) {
        changes.push({ field: `indicators[${indicator.id}].${field}`, before: was[field], after: indicator[field] });
      }
    }
  }
  return changes;
}
