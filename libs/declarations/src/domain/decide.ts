import { AppError, type FieldError } from '@app/platform/errors';
import { CAPABILITIES } from './capabilities.js';
import { findingsOf } from './checks.js';
import type { Command, DecisionContext, DeclarationCommand } from './commands.js';
import type { Declaration, Origin, Stage, Status } from './declaration.js';
import { changesBetween, typedInputErrors } from './edits.js';
import type { DeclarationEvent, DeclarationEventType } from './events.js';
import { isStage, type WorkflowAction, type WorkflowContext } from './machine.js';
import { judge } from './workflow.js';
import { standingRevision } from './evolve.js';
import { textProblems } from './limits.js';
import type { RuleSet } from './rules.js';
import { say, isMessageKey, type MessageKey, type MessageParam } from '@app/platform/messages';

type Change = Exclude<DeclarationCommand, { type: 'DraftDeclaration' }>;

const ACTION: Record<Change['type'], WorkflowAction> = {
  ReviseDeclaration: 'edit',
  AddIndicator: 'edit',
  ReviseIndicator: 'edit',
  RemoveIndicator: 'edit',
  SubmitDeclaration: 'submit',
  WithdrawSubmission: 'withdraw',
  ApproveDeclaration: 'approve',
  ReturnDeclaration: 'return',
  RejectDeclaration: 'reject',
  OpenAmendment: 'amend',
};

const MAX_COMMENT = 2000;

/** decide(command, state) → the events that record it, or an AppError saying why not. */
export function decide(
  command: DeclarationCommand,
  state: Declaration | null,
  context: DecisionContext,
  rules: RuleSet,
): DeclarationEvent[] {
  const { actor } = context;
  if (!CAPABILITIES[actor.role].includes(command.type)) {
    throw new AppError('FORBIDDEN', undefined, [refusal('ROLE_NOT_ALLOWED', { role: say(`role.${actor.role}`) })]);
  }
  if (command.type === 'DraftDeclaration') return draft(command, state, context, rules);
  if (state === null) throw new AppError('NOT_FOUND', say('declaration.notFound'));
  const { to, records } = authorise(state, ACTION[command.type], context);
  const events = eventsOf(command, state, to, records, context, rules);
  const stray = events.find((e) => !records.includes(e.type));
  if (stray) throw new Error(`${command.type} decided ${stray.type}, which its transition does not record`);
  return events;
}

/** The events that record a command the machine allowed, leading to `to`. */
function eventsOf(
  command: Change,
  state: Declaration,
  to: Status,
  records: readonly DeclarationEventType[],
  context: DecisionContext,
  rules: RuleSet,
): DeclarationEvent[] {
  const stamp = { by: context.actor.userId, at: context.now.toISOString() };
  // An event that enters a review stage records when that stage is due.
  const entering = isStage(to) ? { dueAt: dueAt(context, to, state) } : {};
  switch (command.type) {
    case 'ReviseDeclaration':
    case 'AddIndicator':
    case 'ReviseIndicator':
    case 'RemoveIndicator':
      return edit(command, state, context, rules);
    case 'SubmitDeclaration':
      return submit(state, command.comment, { ...stamp, dueAt: entering.dueAt ?? null }, rules);
    case 'WithdrawSubmission':
      return [{ type: 'SubmissionWithdrawn', data: { ...stamp, comment: comment(command.comment) } }];
    case 'ApproveDeclaration': {
      const text = comment(command.comment);
      if (records[0] === 'DeclarationConfirmed') {
        return [{ type: 'DeclarationConfirmed', data: { ...stamp, revision: state.revision, comment: text } }];
      }
      const type = records[0] as 'DepartmentalReviewApproved' | 'BureauSignedOff';
      return [{ type, data: { ...stamp, comment: text, ...entering } }];
    }
    case 'ReturnDeclaration':
      return [
        { type: 'DeclarationReturned', data: { ...stamp, stage: stageOf(state), reason: reason(command.reason) } },
      ];
    case 'RejectDeclaration':
      return [
        {
          type: 'DeclarationRejected',
          data: { ...stamp, stage: stageOf(state), revision: state.revision, reason: reason(command.reason) },
        },
      ];
    case 'OpenAmendment':
      return [
        {
          type: 'AmendmentOpened',
          data: { ...stamp, revision: state.highestRevision + 1, reason: reason(command.reason) },
        },
      ];
  }
}

/** The machine says whether the action may happen now and whether this actor may take it. */
function authorise(
  state: Declaration,
  action: WorkflowAction,
  { actor }: DecisionContext,
): { to: Status; records: readonly DeclarationEventType[] } {
  const verdict = judge(state.workflow.status, workflowContext(state), { type: action, actor });
  if (verdict.allowed) return verdict;
  if (verdict.reason === 'ILLEGAL_TRANSITION') {
    throw new AppError(
      'DECLARATION_ILLEGAL_TRANSITION',
      say('declaration.illegal', { action: say(`action.${action}`), status: say(`status.${state.workflow.status}`) }),
      [],
      { state: state.workflow.status, action },
    );
  }
  throw new AppError('FORBIDDEN', say('declaration.mayNot', { action: say(`action.${action}`) }), [
    refusal(verdict.refusal, { stage: isStage(state.workflow.status) ? say(`stage.${state.workflow.status}`) : '' }),
  ]);
}

export function workflowContext(state: Declaration): WorkflowContext {
  const { workflow } = state;
  return {
    unitId: state.unitId,
    departmentId: state.departmentId,
    submittedBy: 'submittedBy' in workflow ? workflow.submittedBy : null,
    stageActors: state.stageActors,
    amending: standingRevision(state) !== undefined,
  };
}

function draft(
  command: Command<'DraftDeclaration'>,
  state: Declaration | null,
  { actor, now, newId }: DecisionContext,
  rules: RuleSet,
): DeclarationEvent[] {
  if (state !== null) throw new AppError('CONFLICT', say('declaration.exists'));
  if (actor.role === 'preparer' && actor.unitId !== command.unitId) {
    throw new AppError('FORBIDDEN', say('unit.preparerOwnOnly'), [
      { ...refusal('ACTOR_NOT_PREPARER_OF_UNIT'), path: 'unit' },
    ]);
  }
  const content = { ...command.content, indicators: command.content.indicators.map((i) => ({ id: newId(), ...i })) };
  rejectInvalid(textProblems(content));
  // A typed declaration must be sound row by row; an imported one is kept as printed, with findings.
  if (command.origin.kind === 'typed') rejectInvalid(typedInputErrors(content, rules));
  const { declarationId, unitId, departmentId } = command;
  const origin = command.origin.kind === 'import' ? withRowIds(command.origin, content.indicators) : command.origin;
  return [
    {
      type: 'DeclarationDrafted',
      data: { by: actor.userId, at: now.toISOString(), declarationId, unitId, departmentId, origin, content },
    },
  ];
}

/** The reader's findings about a row name it by the id it was just given, as every edit does. */
function withRowIds(
  origin: Extract<Origin, { kind: 'import' }>,
  indicators: readonly { id: string }[],
): Extract<Origin, { kind: 'import' }> {
  if (!origin.findings) return origin;
  const findings = origin.findings.map((f) => {
    const at = /^indicators\[(\d+)\]/.exec(f.path)?.[1];
    const id = at === undefined ? undefined : indicators[Number(at)]?.id;
    return id === undefined ? f : { ...f, indicatorId: id };
  });
  return { ...origin, findings };
}

function edit(
  command: Command<'ReviseDeclaration' | 'AddIndicator' | 'ReviseIndicator' | 'RemoveIndicator'>,
  state: Declaration,
  context: DecisionContext,
  rules: RuleSet,
): DeclarationEvent[] {
  const result = changesBetween(command, state, context);
  rejectInvalid(textProblems(result.content));
  rejectInvalid(typedInputErrors(result.content, rules, result.touched));
  return result.events;
}

function submit(
  state: Declaration,
  text: string | null,
  stamp: { by: string; at: string; dueAt: string | null },
  rules: RuleSet,
): DeclarationEvent[] {
  const findings = findingsOf(state, rules);
  const blocking = findings.filter((f) => f.severity === 'blocking');
  if (blocking.length > 0) {
    throw new AppError(
      'SUBMISSION_BLOCKED',
      undefined,
      blocking.map(({ path, code, message }) => ({ path, code, message })),
    );
  }
  const warnings = findings.filter((f) => f.severity === 'warning');
  return [
    { type: 'DeclarationSubmitted', data: { ...stamp, revision: state.revision, comment: comment(text), warnings } },
  ];
}

function dueAt(context: DecisionContext, stage: Stage, state: Declaration): string | null {
  return context.dueAt?.(stage, context.now, state.content.year)?.toISOString() ?? null;
}

function stageOf(state: Declaration): Stage {
  const { status } = state.workflow;
  if (!isStage(status)) throw new Error(`not at a stage: ${status}`);
  return status;
}

function reason(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new AppError('VALIDATION_FAILED', say('declaration.reasonRequired'), [
      { path: 'comment', code: 'REQUIRED', message: say('field.reasonRequired') },
    ]);
  }
  return comment(trimmed)!;
}

function comment(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  if ([...trimmed].length > MAX_COMMENT) {
    throw new AppError('VALIDATION_FAILED', say('declaration.commentTooLong'), [
      { path: 'comment', code: 'TOO_LONG', message: say('field.TOO_LONG', { maximum: MAX_COMMENT }) },
    ]);
  }
  return trimmed === '' ? null : trimmed;
}

function rejectInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', say('declaration.invalidFields'), errors);
}

/** A refusal's code, and its text in the catalogue under `field.<code>`. */
function refusal(code: string, params: Readonly<Record<string, MessageParam>> = {}): FieldError {
  return {
    path: '',
    code,
    message: isMessageKey(`field.${code}`) ? say(`field.${code}` as MessageKey, params) : say('field.INVALID'),
  };
}
