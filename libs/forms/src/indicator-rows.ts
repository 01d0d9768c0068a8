import { type Level1, level1Of, parseTarget } from '@app/declarations/domain';
import { misfitOf } from './label-fit.js';
import { type Finding, finding, type FindingCode, type FindingSeverity, type ParsedIndicator } from './parsed-form.js';
import type { TableRow } from './indicator-table.js';

/** The rows as indicators, with what a reviewer should look at in each. */
export function readIndicators(rows: readonly TableRow[]): { indicators: ParsedIndicator[]; findings: Finding[] } {
  const indicators: ParsedIndicator[] = [];
  const findings: Finding[] = [];
  rows.forEach((row, at) => {
    const path = `indicators[${at}]`;
    findings.push(
      ...row.notes.map(({ code, severity, field, message }) => finding(code, severity, `${path}.${field}`, message)),
    );
    const { indicator, targetFinding } = readRow(row, path);
    indicators.push(indicator);
    if (targetFinding) findings.push(targetFinding);
    const placement = placementOf(indicator, path);
    if (placement) findings.push(placement);
  });
  findings.push(...duplicatedNames(indicators), ...absentLevel1s(indicators));
  return { indicators, findings };
}

function readRow(row: TableRow, path: string): { indicator: ParsedIndicator; targetFinding?: Finding } {
  const { level1, level2, name, target } = row;
  const indicator: ParsedIndicator = { level1, level2, name, target, comparator: null, value: null, unit: null };
  if (target === null) {
    const message = `三级指标“${name}”没有年度指标值`;
    return { indicator, targetFinding: finding('INDICATOR_TARGET_MISSING', 'blocking', `${path}.target`, message) };
  }
  const parsed = parseTarget(target);
  if (parsed.kind === 'quantitative') {
    return { indicator: { ...indicator, comparator: parsed.comparator, value: parsed.value, unit: parsed.unit } };
  }
  if (parsed.kind === 'qualitative') return { indicator };
  const message = `指标值“${target}”以比较符开头，却读不出“比较符 数值 单位”（如≥85.00(%)）`;
  return { indicator, targetFinding: finding('INDICATOR_TARGET_INVALID', 'blocking', `${path}.target`, message) };
}

/**
 * A level 2 under another level 1 is kept as printed (the form says so) and blocks; otherwise the
 * row's own words are checked against its labels, a warning at most.
 */
function placementOf(indicator: ParsedIndicator, path: string): Finding | undefined {
  const { level1, level2 } = indicator;
  if (level1 === '' || level2 === '') return undefined;
  const home = level1Of(level2);
  if (home !== level1) {
    const message = `二级指标“${level2}”属于一级指标“${home}”，却列在“${level1}”下（表上如此印制，可能是合并单元格错位）`;
    return finding('INDICATOR_LEVEL2_MISPLACED', 'blocking', `${path}.level2`, message);
  }
  const misfit = misfitOf(indicator);
  return misfit && finding('INDICATOR_LABEL_MISFIT', 'warning', `${path}.${misfit.field}`, misfit.message);
}

/** A name printed twice is kept twice: both rows are on the form. */
function duplicatedNames(indicators: readonly ParsedIndicator[]): Finding[] {
  const first = new Map<string, number>();
  const findings: Finding[] = [];
  indicators.forEach(({ name, target }, at) => {
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, at);
      return;
    }
    const same =
      indicators[earlier]!.target === target ? '指标值也相同' : `指标值不同（“${indicators[earlier]!.target}”）`;
    const message = `三级指标“${name}”与第${earlier + 1}个指标（indicators[${earlier}]）重名，${same}`;
    findings.push(finding('INDICATOR_NAME_DUPLICATE', 'warning', `indicators[${at}].name`, message));
  });
  return findings;
}

const MISSING_LEVEL1: readonly (readonly [Level1, FindingCode, FindingSeverity])[] = [
  ['成本指标', 'COST_INDICATOR_MISSING', 'blocking'],
  ['产出指标', 'OUTPUT_INDICATOR_MISSING', 'blocking'],
  ['效益指标', 'BENEFIT_INDICATOR_MISSING', 'blocking'],
  ['满意度指标', 'SATISFACTION_INDICATOR_MISSING', 'warning'],
];

/**
 * A level 1 the form has no row of, graded as the domain's default rule set does (Shanghai 2025:
 * cost, output and benefit in every project; satisfaction where it serves people, which the reader
 * cannot tell, so only a warning). The per-year rule set has the last word at submission.
 */
function absentLevel1s(indicators: readonly ParsedIndicator[]): Finding[] {
  const present = new Set(indicators.map(({ level1 }) => level1));
  return MISSING_LEVEL1.filter(([level1]) => !present.has(level1)).map(([level1, code, severity]) =>
    finding(code, severity, 'indicators', `表上没有任何“${level1}”`),
  );
}
