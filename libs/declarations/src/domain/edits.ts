import { AppError, type FieldError } from '@app/platform/errors';
import { runRowChecks } from './checks.js';
import type { Command, DecisionContext } from './commands.js';
import type { Declaration, DeclarationContent, Indicator } from './declaration.js';
import { evolve } from './evolve.js';
import type { Changes, DeclarationEvent } from './events.js';
import type { RuleSet } from './rules.js';
import { say } from '@app/platform/messages';

type EditCommand = Command<'ReviseDeclaration' | 'AddIndicator' | 'ReviseIndicator' | 'RemoveIndicator'>;

interface Edit {
  events: DeclarationEvent[];
  /** The content as it would be after the edit. */
  content: DeclarationContent;
  /** Paths the edit touched: only these are held to the typed-input rules. */
  touched: string[];
}

/** Turns an edit into revised events that record only what really changed, before and after. */
export function changesBetween(command: EditCommand, state: Declaration, { actor, now, newId }: DecisionContext): Edit {
  const stamp = { by: actor.userId, at: now.toISOString() };
  const { content } = state;
  const events: DeclarationEvent[] = [];
  const touched: string[] = [];
  switch (command.type) {
    case 'ReviseDeclaration': {
      const basic = diff(content, command.basic ?? {});
      const funds = diff(content.funds, command.funds ?? {});
      const goals = diff(content, command.goals ?? {});
      if (basic) events.push({ type: 'BasicInformationRevised', data: { ...stamp, changes: basic } });
      if (funds) events.push({ type: 'FundsRevised', data: { ...stamp, changes: funds } });
      if (goals) events.push({ type: 'GoalsRevised', data: { ...stamp, changes: goals } });
      if (basic) touched.push(...(basic.year ? ['plannedStart', 'plannedEnd'] : Object.keys(basic)));
      if (funds) touched.push('funds');
      break;
    }
    case 'AddIndicator': {
      const position = content.indicators.length;
      events.push({
        type: 'IndicatorAdded',
        data: { ...stamp, indicator: { id: newId(), ...command.indicator }, position },
      });
      touched.push(`indicators[${position}]`);
      break;
    }
    case 'ReviseIndicator': {
      const index = indexOf(content.indicators, command.indicatorId);
      const changes = diff(content.indicators[index]!, command.changes);
      if (changes)
        events.push({ type: 'IndicatorRevised', data: { ...stamp, indicatorId: command.indicatorId, changes } });
      touched.push(`indicators[${index}]`);
      break;
    }
    case 'RemoveIndicator': {
      const removed = content.indicators[indexOf(content.indicators, command.indicatorId)]!;
      events.push({ type: 'IndicatorRemoved', data: { ...stamp, indicatorId: removed.id, removed } });
      break;
    }
  }
  return { events, content: events.reduce((s, e) => evolve(s, e), state).content, touched };
}

/** Blocking row findings on the touched paths (or everywhere), as field errors for a 400. */
export function typedInputErrors(content: DeclarationContent, rules: RuleSet, touched?: string[]): FieldError[] {
  return runRowChecks(content, rules)
    .filter((f) => f.severity === 'blocking')
    .filter((f) => touched === undefined || touched.some((p) => f.path === p || f.path.startsWith(`${p}.`)))
    .map(({ path, code, message }) => ({ path, code, message }));
}

function indexOf(indicators: readonly Indicator[], id: string): number {
  const index = indicators.findIndex((i) => i.id === id);
  if (index < 0) throw new AppError('INDICATOR_NOT_FOUND', say('indicator.notOnDeclaration'), [], { indicatorId: id });
  return index;
}

/** The fields of `patch` whose value differs from `current`, as before/after pairs; null when none. */
function diff<T extends object>(current: T, patch: Partial<T>): Changes<T> | null {
  const changes: Changes<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const after = patch[key];
    if (after !== undefined && after !== current[key]) changes[key] = { before: current[key], after: after };
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
