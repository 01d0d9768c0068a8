import type { Change, DraftContent } from '@app/declarations';
import type { CreateDeclarationBody, ReviseDeclarationBody } from './declaration.schemas.js';

/** A typed create body as the domain's draft content: what is left out is empty. */
export function draftContentOf(body: CreateDeclarationBody): DraftContent {
  const funds = body.funds ?? {};
  return {
    year: body.year,
    projectName: body.projectName,
    nature: body.nature,
    category: body.category ?? null,
    plannedStart: body.plannedStart ?? null,
    plannedEnd: body.plannedEnd ?? null,
    funds: {
      projectTotal: funds.projectTotal ?? null,
      annualTotal: funds.annualTotal ?? null,
      currentYearAppropriation: funds.currentYearAppropriation ?? null,
      carryOver: funds.carryOver ?? null,
      otherFunds: funds.otherFunds ?? null,
    },
    overallGoal: body.overallGoal ?? null,
    annualGoal: body.annualGoal ?? null,
    indicators: body.indicators ?? [],
  };
}

/** A PATCH body split into the parts of the form; a field left out stays as it is. */
export function reviseCommandOf(body: ReviseDeclarationBody): Change {
  const { funds, overallGoal, annualGoal, ...basic } = body;
  const goals = Object.fromEntries(
    Object.entries({ overallGoal, annualGoal }).filter(([, value]) => value !== undefined),
  ) as { overallGoal?: string | null; annualGoal?: string | null };
  return { type: 'ReviseDeclaration', basic, funds, goals };
}
