import type { ParsedIndicator } from './parsed-form.js';

/**
 * Whether a row's own words fit the labels it sits under. The PDF export misaligns merged label
 * cells with their rows (form 14 lists `促进案结事了` under 满意度指标), and the form is kept as
 * printed, so the reviewer is told instead. Deliberately few, plain signals, so that a warning
 * here means a person would agree at a glance.
 */
export interface Misfit {
  field: 'level1' | 'level2';
  message: string;
}

const SATISFACTION = /满意/u;
const COST_NAME = /成本|费|价/u;
const SUSTAINABILITY = /长效|制度|机制/u;
const TIMELINESS_NAME = /及时|时间|时限|进度|按时|按期|期限/u;
const TIMELINESS_TARGET = /及时|按时|按期|按月|每月|季度|\d+月|月底|月前|节前|年底/u;

export function misfitOf(indicator: ParsedIndicator): Misfit | undefined {
  return RULES.map((rule) => rule(indicator)).find((misfit) => misfit !== undefined);
}

type Rule = (indicator: ParsedIndicator) => Misfit | undefined;

const RULES: readonly Rule[] = [
  ({ level1, name }) => {
    if (SATISFACTION.test(name) && level1 !== '满意度指标') {
      return { field: 'level1', message: `“${name}”是满意度，却列在“${level1}”下` };
    }
    if (!SATISFACTION.test(name) && level1 === '满意度指标') {
      return { field: 'level1', message: `“${name}”列在满意度指标下，但它不是对满意程度的度量` };
    }
    return undefined;
  },
  ({ level1, name, unit }) => {
    const money = unit?.includes('元') ?? false;
    if (level1 !== '成本指标' && (money || /成本/u.test(name))) {
      return { field: 'level1', message: `“${name}”是成本（以元计），却列在“${level1}”下` };
    }
    if (level1 === '成本指标' && !money && !COST_NAME.test(name)) {
      return { field: 'level1', message: `“${name}”列在成本指标下，但名称和单位都不是成本` };
    }
    return undefined;
  },
  ({ level2, name }) =>
    SUSTAINABILITY.test(name) && level2 !== '可持续影响指标'
      ? { field: 'level2', message: `“${name}”是长效机制或制度建设，通常属于可持续影响指标，却列在“${level2}”下` }
      : undefined,
  (indicator) => {
    const timely = isAboutTime(indicator);
    if (timely && indicator.level2 !== '时效指标') {
      return { field: 'level2', message: `“${indicator.name}”衡量的是时间或及时性，却列在“${indicator.level2}”下` };
    }
    if (!timely && indicator.level2 === '时效指标') {
      return { field: 'level2', message: `“${indicator.name}”列在时效指标下，但名称和指标值都与时间无关` };
    }
    return undefined;
  },
];

/** By its name, or by a qualitative target that is a deadline or a rhythm (`2025年10月底前`, `按月发放`). */
function isAboutTime({ name, target, comparator }: ParsedIndicator): boolean {
  return TIMELINESS_NAME.test(name) || (comparator === null && TIMELINESS_TARGET.test(target ?? ''));
}
