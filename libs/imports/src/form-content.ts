import {
  findingViews,
  mergeFindings,
  runChecks,
  type DraftContent,
  type Finding,
  type FindingView,
  type RuleSet,
} from '@app/declarations/domain';
import type { Language } from '@app/platform/messages';
import { toParseOutput, type ParsedForm, type ParseOutputForm } from '@app/forms';

/**
 * A form as the content of a draft, kept as printed: an inconsistent row stays (it is on the
 * form) and gets a finding instead. Funds are already integer fen; a missing date is null.
 */
export function draftContentOfForm(form: ParsedForm): DraftContent {
  return {
    year: form.year,
    projectName: form.projectName,
    nature: form.nature,
    category: form.category,
    plannedStart: form.plannedStart === '' ? null : form.plannedStart,
    plannedEnd: form.plannedEnd === '' ? null : form.plannedEnd,
    funds: { ...form.funds },
    overallGoal: form.overallGoal,
    annualGoal: form.annualGoal,
    indicators: form.indicators.map(({ level1, level2, name, target }) => ({ level1, level2, name, target })),
  };
}

/** The year's pre-review checks on a draft's content, as they will run at submission. */
export function checksOf(content: DraftContent, rules: RuleSet): Finding[] {
  // The checks address rows by position (`indicators[3].target`), never by id.
  // Rows have no ids before they are drafted: a finding names its row by path alone.
  const indicators = content.indicators.map((indicator, at) => ({ id: String(at), ...indicator }));
  return runChecks({ ...content, indicators }, rules).map(({ indicatorId: _row, ...finding }) => finding);
}

/** What a reviewer should look at in a form: what the reader saw of its layout, then the year's checks. */
export function findingsOfForm(form: ParsedForm, rules: RuleSet): Finding[] {
  return mergeFindings(form.findings, checksOf(draftContentOfForm(form), rules));
}

export type CheckedParseOutput = Omit<ParseOutputForm, 'findings'> & { findings: FindingView[] };

/** What `forms parse` prints: the reader's output (yuan), with the year's checks merged in, in `language`. */
export function checkedParseOutput(
  forms: readonly ParsedForm[],
  rulesFor: (year: number) => RuleSet,
  language: Language,
): CheckedParseOutput[] {
  return toParseOutput(forms).map((output, at) => ({
    ...output,
    findings: findingViews(findingsOfForm(forms[at]!, rulesFor(forms[at]!.year)), language),
  }));
}
