import { say, type MessageKey, type Text } from '@app/platform/messages';
import type { Declaration, DeclarationContent, Finding } from './declaration.js';
import { FUND_FIELDS } from './declaration.js';
import type { CheckCode, RuleSet } from './rules.js';
import { parseTarget } from './target.js';

/** Words are data: a catalogue key and parameters, rendered in the reader's language at the edge. */
type Problem = { path: string; message: Text; indicatorId?: string };
type Check = (content: DeclarationContent, rules: RuleSet) => Problem[];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Row checks judge values that are there (typed input is refused when they block); the
 * completeness checks judge what is missing (they only stop a submission).
 */
const ROW_CHECKS: Partial<Record<CheckCode, Check>> = {
  INDICATOR_LEVEL1_UNKNOWN: (c, rules) =>
    rowsWhere(
      c,
      // hasOwn, not `in`: a level 1 typed as "constructor" or "__proto__" is unknown, not Object's own.
      (i) => !Object.hasOwn(rules.taxonomy, i.level1),
      'level1',
      (i) => say('finding.INDICATOR_LEVEL1_UNKNOWN', { row: row(i), level1: i.level1 }),
    ),
  INDICATOR_LEVEL2_MISPLACED: (c, rules) =>
    rowsWhere(
      c,
      (i) => Object.hasOwn(rules.taxonomy, i.level1) && !rules.taxonomy[i.level1]!.includes(i.level2),
      'level2',
      (i) => say('finding.INDICATOR_LEVEL2_MISPLACED', { row: row(i), level1: i.level1, level2: i.level2 }),
    ),
  INDICATOR_NAME_MISSING: (c) =>
    rowsWhere(
      c,
      (i) => i.name.trim() === '',
      'name',
      () => say('finding.INDICATOR_NAME_MISSING'),
    ),
  INDICATOR_NAME_TOO_LONG: (c, rules) =>
    rowsWhere(
      c,
      (i) => [...i.name].length > rules.indicatorNameMaxLength,
      'name',
      (i) => say('finding.INDICATOR_NAME_TOO_LONG', { row: row(i), maximum: rules.indicatorNameMaxLength }),
    ),
  INDICATOR_TARGET_MISSING: (c) =>
    rowsWhere(
      c,
      (i) => (i.target ?? '').trim() === '',
      'target',
      (i) => say('finding.INDICATOR_TARGET_MISSING', { row: row(i) }),
    ),
  INDICATOR_TARGET_INVALID: (c) =>
    rowsWhere(
      c,
      (i) => targetProblem(i.target) !== null,
      'target',
      (i) => say(targetProblem(i.target)!, { row: row(i), target: i.target ?? '' }),
    ),
  FUNDS_NEGATIVE: (c) =>
    FUND_FIELDS.filter((f) => (c.funds[f] ?? 0) < 0).map((f) => ({
      path: `funds.${f}`,
      message: say('finding.FUNDS_NEGATIVE'),
    })),
  FUNDS_INCONSISTENT: (c) => {
    const { annualTotal, currentYearAppropriation, carryOver, otherFunds } = c.funds;
    if (annualTotal === null) return [];
    const sum = (currentYearAppropriation ?? 0) + (carryOver ?? 0) + (otherFunds ?? 0);
    return sum === annualTotal ? [] : [{ path: 'funds.annualTotal', message: say('finding.FUNDS_INCONSISTENT') }];
  },
  PLANNED_DATES_INVALID: (c) => {
    const problems: Problem[] = [];
    for (const field of ['plannedStart', 'plannedEnd'] as const) {
      const value = c[field];
      if (value !== null && !(ISO_DATE.test(value) && value.startsWith(`${c.year}-`))) {
        problems.push({ path: field, message: say('finding.PLANNED_DATES_INVALID', { year: c.year }) });
      }
    }
    if (problems.length === 0 && c.plannedStart && c.plannedEnd && c.plannedStart > c.plannedEnd) {
      problems.push({ path: 'plannedEnd', message: say('finding.PLANNED_DATES_INVALID.order') });
    }
    return problems;
  },
  INDICATOR_NAME_DUPLICATE: (c) => {
    const seen = new Map<string, number>();
    return c.indicators.flatMap((i, index) => {
      const first = seen.get(i.name.trim());
      if (first === undefined) seen.set(i.name.trim(), index);
      return first === undefined
        ? []
        : [
            {
              path: `indicators[${index}].name`,
              indicatorId: i.id,
              message: say('finding.INDICATOR_NAME_DUPLICATE', { name: i.name, line: first + 1 }),
            },
          ];
    });
  },
  QUANTITY_TARGET_QUALITATIVE: (c) =>
    rowsWhere(
      c,
      (i) => i.level2 === '数量指标' && i.target !== null && parseTarget(i.target).kind === 'qualitative',
      'target',
      (i) => say('finding.QUANTITY_TARGET_QUALITATIVE', { row: row(i) }),
    ),
  QUANTITY_COMPARATOR_AT_MOST: (c) =>
    rowsWhere(
      c,
      (i) => i.level2 === '数量指标' && i.target !== null && atMost(i.target),
      'target',
      (i) => say('finding.QUANTITY_COMPARATOR_AT_MOST', { row: row(i), target: i.target ?? '' }),
    ),
  COST_TARGET_QUALITATIVE: (c) =>
    rowsWhere(
      c,
      (i) => i.level1 === '成本指标' && i.target !== null && parseTarget(i.target).kind === 'qualitative',
      'target',
      (i) => say('finding.COST_TARGET_QUALITATIVE', { row: row(i) }),
    ),
};

const COMPLETENESS_CHECKS: Partial<Record<CheckCode, Check>> = {
  CATEGORY_MISSING: (c) =>
    (c.category ?? '').trim() === '' ? [{ path: 'category', message: say('finding.CATEGORY_MISSING') }] : [],
  OUTPUT_INDICATOR_MISSING: (c) => missingLevel1(c, '产出指标', 'finding.OUTPUT_INDICATOR_MISSING'),
  BENEFIT_INDICATOR_MISSING: (c) => missingLevel1(c, '效益指标', 'finding.BENEFIT_INDICATOR_MISSING'),
  COST_INDICATOR_MISSING: (c) => missingLevel1(c, '成本指标', 'finding.COST_INDICATOR_MISSING'),
  SATISFACTION_INDICATOR_MISSING: (c) => missingLevel1(c, '满意度指标', 'finding.SATISFACTION_INDICATOR_MISSING'),
  OUTPUT_COVERAGE_INCOMPLETE: (c) => {
    const outputs = c.indicators.filter((i) => i.level1 === '产出指标');
    const missing = OUTPUT_COVERAGE.filter(([l2]) => !outputs.some((i) => i.level2 === l2));
    return outputs.length === 0 || missing.length === 0
      ? []
      : [
          {
            path: 'indicators',
            message: say('finding.OUTPUT_COVERAGE_INCOMPLETE', { missing: missing.map(([, name]) => say(name)) }),
          },
        ];
  },
  FUNDS_ANNUAL_TOTAL_MISSING: (c) =>
    c.funds.annualTotal === null
      ? [{ path: 'funds.annualTotal', message: say('finding.FUNDS_ANNUAL_TOTAL_MISSING') }]
      : [],
  PLANNED_DATES_MISSING: (c) =>
    (['plannedStart', 'plannedEnd'] as const)
      .filter((f) => c[f] === null)
      .map((f) => ({ path: f, message: say('finding.PLANNED_DATES_MISSING', { field: say(`formField.${f}`) }) })),
  ANNUAL_GOAL_MISSING: (c) =>
    (c.annualGoal ?? '').trim() === '' ? [{ path: 'annualGoal', message: say('finding.ANNUAL_GOAL_MISSING') }] : [],
};

/** The level 2s an output (产出) should cover, with how a finding names each. */
const OUTPUT_COVERAGE: readonly (readonly [string, MessageKey])[] = [
  ['数量指标', 'formField.quantity'],
  ['质量指标', 'formField.quality'],
  ['时效指标', 'formField.timeliness'],
];

/** Every check the rule set switches on, as findings for a reviewer. */
export function runChecks(content: DeclarationContent, rules: RuleSet): Finding[] {
  return [...run(ROW_CHECKS, content, rules), ...run(COMPLETENESS_CHECKS, content, rules)];
}

/** Only the checks of values that are present: what typed input must satisfy. */
export function runRowChecks(content: DeclarationContent, rules: RuleSet): Finding[] {
  return run(ROW_CHECKS, content, rules);
}

function run(checks: Partial<Record<CheckCode, Check>>, content: DeclarationContent, rules: RuleSet): Finding[] {
  return (Object.entries(checks) as [CheckCode, Check][]).flatMap(([code, check]) => {
    const severity = rules.severities[code];
    if (severity === 'off') return [];
    return check(content, rules).map(({ path, message, indicatorId }) =>
      indicatorId === undefined ? { code, severity, message, path } : { code, severity, message, path, indicatorId },
    );
  });
}

/**
 * A declaration's findings now: the year's checks on its content, and what the reader saw of the
 * printed form (kept from the import) while the field or row it concerns is unedited.
 */
export function findingsOf(state: Pick<Declaration, 'content' | 'layoutFindings'>, rules: RuleSet): Finding[] {
  const rows = new Map(state.content.indicators.map((i, at) => [i.id, at]));
  // A row's finding follows the row: its path names where the row stands now.
  const standing = state.layoutFindings.flatMap((f) => {
    if (f.indicatorId === undefined) return [f];
    const at = rows.get(f.indicatorId);
    return at === undefined ? [] : [{ ...f, path: f.path.replace(/^indicators\[\d+\]/, `indicators[${at}]`) }];
  });
  return mergeFindings(standing, runChecks(state.content, rules));
}

/**
 * The reader's findings (the printed layout) and the checks' (the content), one per (code, path).
 * Should both say the same, the reader's words stay (they speak of the printed form) and the
 * year's rule set gives the severity: it has the last word on what blocks a submission.
 */
export function mergeFindings(reader: readonly Finding[], checks: readonly Finding[]): Finding[] {
  const keyOf = (f: Finding) => `${f.code}\u0000${f.path}`;
  const merged = new Map<string, Finding>();
  for (const f of reader) if (!merged.has(keyOf(f))) merged.set(keyOf(f), { ...f });
  for (const f of checks) {
    const same = merged.get(keyOf(f));
    merged.set(keyOf(f), same ? { ...same, severity: f.severity } : { ...f });
  }
  return [...merged.values()];
}

type Row = DeclarationContent['indicators'][number];

function rowsWhere(
  c: DeclarationContent,
  bad: (i: Row) => boolean,
  field: string,
  message: (i: Row) => Text,
): Problem[] {
  return c.indicators.flatMap((i, index) =>
    bad(i) ? [{ path: `indicators[${index}].${field}`, indicatorId: i.id, message: message(i) }] : [],
  );
}

/** How a finding names its row: by the 三级指标 a preparer sees, not by a position. */
function row(i: Row): Text {
  return i.name.trim() === '' ? say('finding.rowUnnamed') : say('finding.row', { name: i.name });
}

function atMost(target: string): boolean {
  const parsed = parseTarget(target);
  return parsed.kind === 'quantitative' && (parsed.comparator === '≤' || parsed.comparator === '<');
}

function missingLevel1(c: DeclarationContent, level1: string, key: MessageKey): Problem[] {
  return c.indicators.some((i) => i.level1 === level1) ? [] : [{ path: 'indicators', message: say(key) }];
}

/** What is wrong with a target that is there, as the key of the finding's words; null when nothing. */
function targetProblem(target: string | null): MessageKey | null {
  if (target === null || target.trim() === '') return null;
  const parsed = parseTarget(target);
  if (parsed.kind === 'malformed') return 'finding.INDICATOR_TARGET_INVALID';
  if (parsed.kind === 'quantitative' && parsed.unit === null) return 'finding.INDICATOR_TARGET_INVALID.noUnit';
  return null;
}
