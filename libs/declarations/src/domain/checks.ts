import type { Declaration, DeclarationContent, Finding } from './declaration.js';
import { FUND_FIELDS } from './declaration.js';
import type { CheckCode, RuleSet } from './rules.js';
import { parseTarget } from './target.js';

type Problem = { path: string; message: string; indicatorId?: string };
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
      (i) => `${row(i)}的一级指标“${i.level1}”不在指标体系中`,
    ),
  INDICATOR_LEVEL2_MISPLACED: (c, rules) =>
    rowsWhere(
      c,
      (i) => Object.hasOwn(rules.taxonomy, i.level1) && !rules.taxonomy[i.level1]!.includes(i.level2),
      'level2',
      (i) => `${row(i)}的二级指标“${i.level2}”不属于一级指标“${i.level1}”`,
    ),
  INDICATOR_NAME_MISSING: (c) =>
    rowsWhere(
      c,
      (i) => i.name.trim() === '',
      'name',
      () => '三级指标名称未填写',
    ),
  INDICATOR_NAME_TOO_LONG: (c, rules) =>
    rowsWhere(
      c,
      (i) => [...i.name].length > rules.indicatorNameMaxLength,
      'name',
      (i) => `${row(i)}的名称超过${rules.indicatorNameMaxLength}个字符`,
    ),
  INDICATOR_TARGET_MISSING: (c) =>
    rowsWhere(
      c,
      (i) => (i.target ?? '').trim() === '',
      'target',
      (i) => `${row(i)}没有年度指标值`,
    ),
  INDICATOR_TARGET_INVALID: (c) =>
    rowsWhere(
      c,
      (i) => targetProblem(i.target) !== null,
      'target',
      (i) => `${row(i)}：${targetProblem(i.target)!}`,
    ),
  FUNDS_NEGATIVE: (c) =>
    FUND_FIELDS.filter((f) => (c.funds[f] ?? 0) < 0).map((f) => ({ path: `funds.${f}`, message: '金额不能为负数' })),
  FUNDS_INCONSISTENT: (c) => {
    const { annualTotal, currentYearAppropriation, carryOver, otherFunds } = c.funds;
    if (annualTotal === null) return [];
    const sum = (currentYearAppropriation ?? 0) + (carryOver ?? 0) + (otherFunds ?? 0);
    return sum === annualTotal
      ? []
      : [{ path: 'funds.annualTotal', message: '年度资金申请总额应等于当年财政拨款、上年结转资金与其他资金之和' }];
  },
  PLANNED_DATES_INVALID: (c) => {
    const problems: Problem[] = [];
    for (const field of ['plannedStart', 'plannedEnd'] as const) {
      const value = c[field];
      if (value !== null && !(ISO_DATE.test(value) && value.startsWith(`${c.year}-`))) {
        problems.push({ path: field, message: `日期应为${c.year}年度内的有效日期（YYYY-MM-DD）` });
      }
    }
    if (problems.length === 0 && c.plannedStart && c.plannedEnd && c.plannedStart > c.plannedEnd) {
      problems.push({ path: 'plannedEnd', message: '计划完成日期不能早于计划开始日期' });
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
              message: `三级指标“${i.name}”与第${first + 1}行重复`,
            },
          ];
    });
  },
  QUANTITY_TARGET_QUALITATIVE: (c) =>
    rowsWhere(
      c,
      (i) => i.level2 === '数量指标' && i.target !== null && parseTarget(i.target).kind === 'qualitative',
      'target',
      (i) => `${row(i)}是数量指标，宜设置可计量的定量指标值`,
    ),
  QUANTITY_COMPARATOR_AT_MOST: (c) =>
    rowsWhere(
      c,
      (i) => i.level2 === '数量指标' && i.target !== null && atMost(i.target),
      'target',
      (i) => `${row(i)}是数量指标，指标值“${i.target}”却是上限（≤ 或 <）：数量指标通常是应达到的下限`,
    ),
  COST_TARGET_QUALITATIVE: (c) =>
    rowsWhere(
      c,
      (i) => i.level1 === '成本指标' && i.target !== null && parseTarget(i.target).kind === 'qualitative',
      'target',
      (i) => `${row(i)}是成本指标，宜设置以元计的定量指标值`,
    ),
};

const COMPLETENESS_CHECKS: Partial<Record<CheckCode, Check>> = {
  CATEGORY_MISSING: (c) => ((c.category ?? '').trim() === '' ? [{ path: 'category', message: '项目类别未填写' }] : []),
  OUTPUT_INDICATOR_MISSING: (c) => missingLevel1(c, '产出指标'),
  BENEFIT_INDICATOR_MISSING: (c) => missingLevel1(c, '效益指标'),
  COST_INDICATOR_MISSING: (c) => missingLevel1(c, '成本指标'),
  SATISFACTION_INDICATOR_MISSING: (c) =>
    missingLevel1(c, '满意度指标').map((p) => ({
      ...p,
      message: `${p.message}（项目有服务对象的，应设置满意度指标）`,
    })),
  OUTPUT_COVERAGE_INCOMPLETE: (c) => {
    const outputs = c.indicators.filter((i) => i.level1 === '产出指标');
    const missing = ['数量指标', '质量指标', '时效指标'].filter((l2) => !outputs.some((i) => i.level2 === l2));
    return outputs.length === 0 || missing.length === 0
      ? []
      : [{ path: 'indicators', message: `产出指标未覆盖：${missing.join('、')}` }];
  },
  FUNDS_ANNUAL_TOTAL_MISSING: (c) =>
    c.funds.annualTotal === null ? [{ path: 'funds.annualTotal', message: '年度资金申请总额未填写' }] : [],
  PLANNED_DATES_MISSING: (c) =>
    (['plannedStart', 'plannedEnd'] as const)
      .filter((f) => c[f] === null)
      .map((f) => ({ path: f, message: f === 'plannedStart' ? '计划开始日期未填写' : '计划完成日期未填写' })),
  ANNUAL_GOAL_MISSING: (c) =>
    (c.annualGoal ?? '').trim() === '' ? [{ path: 'annualGoal', message: '年度总体目标未填写' }] : [],
};

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
  message: (i: Row) => string,
): Problem[] {
  return c.indicators.flatMap((i, index) =>
    bad(i) ? [{ path: `indicators[${index}].${field}`, indicatorId: i.id, message: message(i) }] : [],
  );
}

/** How a finding names its row: by the 三级指标 a preparer sees, not by a position. */
function row(i: Row): string {
  return i.name.trim() === '' ? '未命名的三级指标' : `三级指标“${i.name}”`;
}

function atMost(target: string): boolean {
  const parsed = parseTarget(target);
  return parsed.kind === 'quantitative' && (parsed.comparator === '≤' || parsed.comparator === '<');
}

function missingLevel1(c: DeclarationContent, level1: string): Problem[] {
  return c.indicators.some((i) => i.level1 === level1) ? [] : [{ path: 'indicators', message: `缺少${level1}` }];
}

function targetProblem(target: string | null): string | null {
  if (target === null || target.trim() === '') return null;
  const parsed = parseTarget(target);
  if (parsed.kind === 'malformed') return `指标值“${target}”无法识别：比较符后应为数值和计量单位`;
  if (parsed.kind === 'quantitative' && parsed.unit === null) return `定量指标值“${target}”缺少计量单位`;
  return null;
}
