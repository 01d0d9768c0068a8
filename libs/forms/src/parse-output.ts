import { fenToYuanOrNull } from '@app/declarations/domain';
import type { Funds, ParsedForm, ParseOutputForm } from './parsed-form.js';

/** Exactly what the CLI prints for a file: the forms in ParsedForm's key order, amounts in yuan. */
export function toParseOutput(forms: readonly ParsedForm[]): ParseOutputForm[] {
  return forms.map((form) => ({
    index: form.index,
    year: form.year,
    projectName: form.projectName,
    nature: form.nature,
    category: form.category,
    department: form.department,
    implementingUnit: form.implementingUnit,
    plannedStart: form.plannedStart,
    plannedEnd: form.plannedEnd,
    funds: inYuan(form.funds),
    overallGoal: form.overallGoal,
    annualGoal: form.annualGoal,
    indicators: form.indicators.map(({ level1, level2, name, target, comparator, value, unit }) => ({
      level1,
      level2,
      name,
      target,
      comparator,
      value,
      unit,
    })),
    findings: form.findings.map(({ code, severity, message, path }) => ({ code, severity, message, path })),
  }));
}

function inYuan(funds: Funds): Funds {
  return {
    projectTotal: fenToYuanOrNull(funds.projectTotal),
    annualTotal: fenToYuanOrNull(funds.annualTotal),
    currentYearAppropriation: fenToYuanOrNull(funds.currentYearAppropriation),
    carryOver: fenToYuanOrNull(funds.carryOver),
    otherFunds: fenToYuanOrNull(funds.otherFunds),
  };
}
