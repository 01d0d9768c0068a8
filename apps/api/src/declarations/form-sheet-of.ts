import { shownYuanToFen, type DeclarationView } from '@app/declarations';
import type { FormSheet } from '@app/forms';

/** A declaration as the official form shows it: names of its unit and department, money back in fen. */
export function formSheetOf(view: DeclarationView): FormSheet {
  return {
    year: view.year,
    projectName: view.projectName,
    nature: view.nature,
    category: view.category,
    department: view.department.name,
    implementingUnit: view.unit.name,
    plannedStart: view.plannedStart ?? '',
    plannedEnd: view.plannedEnd ?? '',
    funds: {
      projectTotal: fenOf(view.funds.projectTotal),
      annualTotal: fenOf(view.funds.annualTotal),
      currentYearAppropriation: fenOf(view.funds.currentYearAppropriation),
      carryOver: fenOf(view.funds.carryOver),
      otherFunds: fenOf(view.funds.otherFunds),
    },
    overallGoal: view.overallGoal,
    annualGoal: view.annualGoal,
    indicators: view.indicators.map(({ level1, level2, name, target }) => ({ level1, level2, name, target })),
  };
}

/** The view's yuan (fen / 100) back to fen exactly; an imported form may hold a negative amount. */
function fenOf(yuan: number | null): number | null {
  if (yuan === null) return null;
  const fen = shownYuanToFen(yuan);
  if (fen === null) throw new Error(`Not an amount in yuan: ${yuan}`);
  return fen;
}

/**
 * `attachment; filename*=UTF-8''…` (RFC 6266/5987): the name percent-encoded, including the
 * `'()*` that encodeURIComponent leaves (project names print half-width brackets).
 */
export function attachmentOf(name: string): string {
  const encoded = encodeURIComponent(`${name}.xlsx`).replace(
    /['()*]/gu,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}
