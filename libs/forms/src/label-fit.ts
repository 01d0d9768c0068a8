import { say, type Text } from '@app/platform/messages';
import type { ParsedIndicator } from './parsed-form.js';

/**
 * Whether a row's own words fit the labels it sits under. The PDF export misaligns merged label
 * cells with their rows (form 14 lists `促进案结事了` under 满意度指标), and the form is kept as
 * printed, so the reviewer is told instead. Deliberately few, plain signals, so that a warning
 * here means a person would agree at a glance.
 */
export interface Misfit {
  field: 'level1' | 'level2';
  message: Text;
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
      return { field: 'level1', message: say('finding.INDICATOR_LABEL_MISFIT', { name, level1 }) };
    }
    if (!SATISFACTION.test(name) && level1 === '满意度指标') {
      return { field: 'level1', message: say('finding.INDICATOR_LABEL_MISFIT.notSatisfaction', { name }) };
    }
    return undefined;
  },
  ({ level1, name, unit }) => {
    const money = unit?.includes('元') ?? false;
    if (level1 !== '成本指标' && (money || /成本/u.test(name))) {
      return { field: 'level1', message: say('finding.INDICATOR_LABEL_MISFIT.cost', { name, level1 }) };
    }
    if (level1 === '成本指标' && !money && !COST_NAME.test(name)) {
      return { field: 'level1', message: say('finding.INDICATOR_LABEL_MISFIT.notCost', { name }) };
    }
    return undefined;
  },
  ({ level2, name }) =>
    SUSTAINABILITY.test(name) && level2 !== '可持续影响指标'
      ? { field: 'level2', message: say('finding.INDICATOR_LABEL_MISFIT.sustainability', { name, level2 }) }
      : undefined,
  (indicator) => {
    const timely = isAboutTime(indicator);
    if (timely && indicator.level2 !== '时效指标') {
      const { name, level2 } = indicator;
      return { field: 'level2', message: say('finding.INDICATOR_LABEL_MISFIT.timeliness', { name, level2 }) };
    }
    if (!timely && indicator.level2 === '时效指标') {
      return {
        field: 'level2',
        message: say('finding.INDICATOR_LABEL_MISFIT.notTimeliness', { name: indicator.name }),
      };
    }
    return undefined;
  },
];

/** By its name, or by a qualitative target that is a deadline or a rhythm (`2025年10月底前`, `按月发放`). */
function isAboutTime({ name, target, comparator }: ParsedIndicator): boolean {
  return TIMELINESS_NAME.test(name) || (comparator === null && TIMELINESS_TARGET.test(target ?? ''));
}
