import { render, type Language } from '@app/platform/messages';
import type { Declaration, Finding, Origin, Workflow } from './declaration.js';

/** A finding as a person reads it: its words rendered in their language. */
export type FindingView = Omit<Finding, 'message'> & { message: string };

type Warned = Extract<Workflow, { warnings: Finding[] }>;
type ImportOrigin = Extract<Origin, { kind: 'import' }>;
/** The workflow as shown: the warnings that travelled with a submission in the reader's language. */
export type WorkflowView = Exclude<Workflow, Warned> | (Omit<Warned, 'warnings'> & { warnings: FindingView[] });
/** The origin as shown: what the reader saw of the printed form, in the reader's language. */
export type OriginView =
  Exclude<Origin, ImportOrigin> | (Omit<ImportOrigin, 'findings'> & { findings?: FindingView[] });

/**
 * Findings kept as a key and parameters (every one since they were) are worded anew in the
 * reader's language; one an event recorded as Chinese text is shown as recorded, in every language.
 */
export function findingView(finding: Finding, language: Language): FindingView {
  return { ...finding, message: render(finding.message, language) };
}

export function findingViews(findings: readonly Finding[], language: Language): FindingView[] {
  return findings.map((finding) => findingView(finding, language));
}

export function workflowView(workflow: Declaration['workflow'], language: Language): WorkflowView {
  return 'warnings' in workflow ? { ...workflow, warnings: findingViews(workflow.warnings, language) } : workflow;
}

export function originView(origin: Origin, language: Language): OriginView {
  if (origin.kind !== 'import') return origin;
  const { findings, ...printed } = origin;
  return findings ? { ...printed, findings: findingViews(findings, language) } : printed;
}
