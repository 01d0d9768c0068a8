import { say } from '@app/platform/messages';
import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@app/identity/roles';
import type { DeclarationCommand } from './commands.js';
import type { Status } from './declaration.js';
import {
  approve,
  draftCommand,
  histories,
  history,
  people,
  soundContent,
  stateAfter,
  submit,
  T0,
  when,
} from './declaration.fixtures.js';
import { decide } from './decide.js';
import type { DeclarationEvent } from './events.js';
import { DEFAULT_RULE_SET } from './rules.js';

type Action = 'edit' | 'submit' | 'withdraw' | 'approve' | 'return' | 'reject' | 'amend';

const commands: Record<Action, DeclarationCommand> = {
  edit: { type: 'ReviseDeclaration', goals: { annualGoal: '系统稳定运行' } },
  submit,
  withdraw: { type: 'WithdrawSubmission', comment: '补充材料' },
  approve,
  return: { type: 'ReturnDeclaration', reason: '成本指标依据不足' },
  reject: { type: 'RejectDeclaration', reason: '项目不符合立项条件' },
  amend: { type: 'OpenAmendment', reason: '年中预算调整' },
};

/** The actor who would rightly take the action in that status. */
function rightActor(status: Status, action: Action): Actor {
  if (['edit', 'submit', 'withdraw', 'amend'].includes(action)) return people.preparer;
  if (status === 'bureau_signoff') return people.signer;
  if (status === 'finance_confirmation') return people.finance;
  return people.reviewer;
}

/** Written out by hand from the issue, not derived from the machine under test. */
const allowed: Record<Status, Partial<Record<Action, string>>> = {
  draft: { edit: 'GoalsRevised', submit: 'DeclarationSubmitted' },
  departmental_review: {
    withdraw: 'SubmissionWithdrawn',
    approve: 'DepartmentalReviewApproved',
    return: 'DeclarationReturned',
    reject: 'DeclarationRejected',
  },
  bureau_signoff: { approve: 'BureauSignedOff', return: 'DeclarationReturned', reject: 'DeclarationRejected' },
  finance_confirmation: {
    approve: 'DeclarationConfirmed',
    return: 'DeclarationReturned',
    reject: 'DeclarationRejected',
  },
  confirmed: { amend: 'AmendmentOpened' },
  rejected: {},
};

const statuses = Object.keys(allowed) as Status[];
const actions = Object.keys(commands) as Action[];

describe('every state × every action, by the person who would rightly act', () => {
  const cases = statuses.flatMap((status) => actions.map((action) => [status, action] as const));

  it.each(cases)('when %s, %s', (status, action) => {
    const given = histories[status]();
    expect(stateAfter(given).workflow.status).toBe(status);
    const expected = allowed[status][action];
    const attempt = () => when(given, commands[action], rightActor(status, action));
    if (expected) {
      expect(attempt().map((e) => e.type)).toEqual([expected]);
    } else {
      expect(attempt).toThrow(expect.objectContaining({ code: 'DECLARATION_ILLEGAL_TRANSITION' }));
    }
  });
});

describe('the states each action leads to', () => {
  const after = (given: DeclarationEvent[], command: DeclarationCommand, actor: Actor) =>
    stateAfter([...given, ...when(given, command, actor)]).workflow.status;

  it('goes draft → departmental review → bureau sign-off → finance confirmation → confirmed', () => {
    expect(after(histories.draft(), submit, people.preparer)).toBe('departmental_review');
    expect(after(histories.departmental_review(), approve, people.reviewer)).toBe('bureau_signoff');
    expect(after(histories.bureau_signoff(), approve, people.signer)).toBe('finance_confirmation');
    expect(after(histories.finance_confirmation(), approve, people.finance)).toBe('confirmed');
  });

  it.each([
    ['departmental_review', people.reviewer],
    ['bureau_signoff', people.signer],
    ['finance_confirmation', people.finance],
  ] as const)('returns from %s to draft, keeping the reason for the unit', (status, actor) => {
    const given = histories[status]();
    const state = stateAfter([...given, ...when(given, commands.return, actor)]);
    expect(state.workflow).toEqual({
      status: 'draft',
      lastReturn: { stage: status, reason: '成本指标依据不足', by: actor.userId, at: expect.any(String) },
    });
  });

  it('ends a first revision on rejection (不予通过)', () => {
    const state = stateAfter(histories.rejected());
    expect(state.workflow).toMatchObject({
      status: 'rejected',
      stage: 'departmental_review',
      reason: '不符合立项要求',
    });
  });

  it('withdraws back to draft while the first reviewer has not acted', () => {
    expect(after(histories.departmental_review(), commands.withdraw, people.preparer)).toBe('draft');
  });
});

describe('guards: who may act', () => {
  const refused = (given: DeclarationEvent[], command: DeclarationCommand, actor: Actor, code: string) =>
    expect(() => when(given, command, actor)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', errors: [expect.objectContaining({ code })] }),
    );

  it('lets only the unit’s own preparer edit and submit; an admin may edit', () => {
    refused(histories.draft(), commands.edit, people.otherUnitPreparer, 'ACTOR_MAY_NOT_EDIT');
    refused(histories.draft(), submit, people.otherUnitPreparer, 'ACTOR_NOT_PREPARER_OF_UNIT');
    expect(when(histories.draft(), commands.edit, people.admin)).toHaveLength(1);
    refused(histories.draft(), submit, people.admin, 'ROLE_NOT_ALLOWED');
  });

  it('lets an auditor change nothing', () => {
    for (const status of statuses) {
      for (const action of actions) refused(histories[status](), commands[action], people.auditor, 'ROLE_NOT_ALLOWED');
    }
  });

  it('keeps reviewers to their own department and their own stage', () => {
    refused(histories.departmental_review(), approve, people.otherDepartmentReviewer, 'ACTOR_NOT_REVIEWER_OF_STAGE');
    refused(histories.departmental_review(), approve, people.signer, 'ACTOR_NOT_REVIEWER_OF_STAGE');
    refused(histories.bureau_signoff(), approve, people.reviewer, 'ACTOR_NOT_REVIEWER_OF_STAGE');
    refused(histories.bureau_signoff(), commands.return, people.otherDepartmentSigner, 'ACTOR_NOT_REVIEWER_OF_STAGE');
    refused(histories.finance_confirmation(), commands.reject, people.signer, 'ACTOR_NOT_REVIEWER_OF_STAGE');
  });

  it('never lets the submitter review their own submission, even after a change of role', () => {
    const promoted: Actor = { ...people.preparer, role: 'department_reviewer', unitId: null };
    refused(histories.departmental_review(), approve, promoted, 'SUBMITTER_MAY_NOT_REVIEW');
    refused(histories.departmental_review(), commands.return, promoted, 'SUBMITTER_MAY_NOT_REVIEW');
  });

  it('never lets one person act at two stages of the same revision', () => {
    const reviewerNowSigner: Actor = { ...people.reviewer, role: 'bureau_signer' };
    refused(histories.bureau_signoff(), approve, reviewerNowSigner, 'ACTOR_ALREADY_ACTED_AT_ANOTHER_STAGE');
    // A return and a resubmission are still the same revision.
    const again = [...histories.bureau_signoff(), ...when(histories.bureau_signoff(), commands.return, people.signer)];
    const resubmitted = [...again, ...when(again, submit, people.preparer)];
    refused(
      resubmitted,
      approve,
      { ...people.signer, role: 'department_reviewer' },
      'ACTOR_ALREADY_ACTED_AT_ANOTHER_STAGE',
    );
  });

  it('lets a preparer draft only for their own unit', () => {
    expect(() => when([], draftCommand(), people.otherUnitPreparer)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(when([], draftCommand(), people.admin)[0]!.type).toBe('DeclarationDrafted');
  });
});

describe('reasons and comments', () => {
  it.each(['return', 'reject', 'amend'] as const)('requires a reason to %s', (action) => {
    const status: Status = action === 'amend' ? 'confirmed' : 'departmental_review';
    const command = { ...commands[action], reason: '   ' } as DeclarationCommand;
    expect(() => when(histories[status](), command, rightActor(status, action))).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: 'comment', code: 'REQUIRED' })],
      }),
    );
  });

  it('carries the comment and the actor on the event', () => {
    const [event] = when(histories.departmental_review(), approve, people.reviewer);
    expect(event).toEqual({
      type: 'DepartmentalReviewApproved',
      data: { by: 'reviewer-d', at: '2025-03-03T01:00:00.000Z', comment: '同意', dueAt: null },
    });
  });
});

describe('amendments', () => {
  const amended = () => [...histories.confirmed(), ...when(histories.confirmed(), commands.amend, people.preparer)];

  it('reopens a confirmed declaration as revision 2, keeping revision 1 on record as confirmed', () => {
    const state = stateAfter(amended());
    expect(state.revision).toBe(2);
    expect(state.workflow.status).toBe('draft');
    expect(state.closedRevisions).toEqual([
      expect.objectContaining({ revision: 1, outcome: 'confirmed', by: people.finance.userId }),
    ]);
  });

  it('allows only one open amendment', () => {
    expect(() => when(amended(), commands.amend, people.preparer)).toThrow(
      expect.objectContaining({ code: 'DECLARATION_ILLEGAL_TRANSITION' }),
    );
  });

  it('goes the same path, and lets the same people act again on the new revision', () => {
    let events = amended();
    const step = (command: DeclarationCommand, actor: Actor) => (events = [...events, ...when(events, command, actor)]);
    step(
      { type: 'ReviseDeclaration', funds: { annualTotal: 40000000, currentYearAppropriation: 40000000 } },
      people.preparer,
    );
    step(submit, people.preparer);
    step(approve, people.reviewer);
    step(approve, people.signer);
    step(approve, people.finance);
    const state = stateAfter(events);
    expect(state.workflow.status).toBe('confirmed');
    expect(state.closedRevisions.map((r) => [r.revision, r.content.funds.annualTotal])).toEqual([
      [1, 38141984],
      [2, 40000000],
    ]);
  });

  it('ends only the amendment when it is rejected: revision 1 stands again', () => {
    let events = amended();
    const step = (command: DeclarationCommand, actor: Actor) => (events = [...events, ...when(events, command, actor)]);
    step({ type: 'ReviseDeclaration', goals: { annualGoal: '调整后的目标' } }, people.preparer);
    step(submit, people.preparer);
    step(commands.reject, people.reviewer);
    const state = stateAfter(events);
    expect(state.workflow.status).toBe('confirmed');
    expect(state.revision).toBe(1);
    expect(state.content.annualGoal).toBe(soundContent().annualGoal);
    expect(state.closedRevisions.map((r) => [r.revision, r.outcome])).toEqual([
      [1, 'confirmed'],
      [2, 'rejected'],
    ]);
    expect(when(events, commands.amend, people.preparer)).toEqual([
      expect.objectContaining({ type: 'AmendmentOpened', data: expect.objectContaining({ revision: 3 }) }),
    ]);
  });
});

describe('texts over their limits', () => {
  it('refuse an imported draft, which is otherwise kept as printed, with the path of each', () => {
    const content = soundContent();
    content.indicators[1] = { ...content.indicators[1]!, level1: '产出指标'.repeat(600) };
    content.projectName = '项'.repeat(201);
    const command = { ...draftCommand(content), origin: { kind: 'import' as const, fileSha256: 'f', formIndex: 1 } };
    expect(() => when([], command, people.preparer)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        errors: [
          { path: 'projectName', code: 'TOO_LONG', message: say('field.TOO_LONG', { maximum: 200 }) },
          { path: 'indicators[1].level1', code: 'TOO_LONG', message: say('field.TOO_LONG', { maximum: 20 }) },
        ],
      }),
    );
    content.projectName = '项'.repeat(200); // characters, not bytes or UTF-16 units
    content.indicators[1] = { ...content.indicators[1], level1: '𠀀'.repeat(20) };
    expect(when([], command, people.preparer)).toHaveLength(1);
  });

  it('refuse an edit that would make one', () => {
    const given = history([draftCommand(soundContent()), people.preparer]);
    const id = stateAfter(given).content.indicators[0]!.id;
    const revise = { type: 'ReviseIndicator' as const, indicatorId: id, changes: { target: '≥'.repeat(201) } };
    expect(() => when(given, revise, people.preparer)).toThrow(
      expect.objectContaining({
        errors: [expect.objectContaining({ path: 'indicators[0].target', code: 'TOO_LONG' })],
      }),
    );
  });
});

describe('submitting', () => {
  it('is refused with every blocking finding, by path', () => {
    const content = soundContent();
    content.indicators = content.indicators.filter((i) => i.level1 !== '成本指标');
    content.annualGoal = ' ';
    const given = history([
      { ...draftCommand(content), origin: { kind: 'import', fileSha256: 'f', formIndex: 1 } },
      people.preparer,
    ]);
    expect(() => when(given, submit, people.preparer)).toThrow(
      expect.objectContaining({
        code: 'SUBMISSION_BLOCKED',
        errors: expect.arrayContaining([
          expect.objectContaining({ code: 'COST_INDICATOR_MISSING', path: 'indicators' }),
          expect.objectContaining({ code: 'ANNUAL_GOAL_MISSING', path: 'annualGoal' }),
        ]),
      }),
    );
  });

  it('takes warnings along to the reviewer', () => {
    const content = soundContent();
    content.indicators = content.indicators.filter((i) => i.level1 !== '满意度指标');
    const given = history([draftCommand(content), people.preparer]);
    const [event] = when(given, submit, people.preparer);
    expect(event).toMatchObject({
      type: 'DeclarationSubmitted',
      data: {
        revision: 1,
        warnings: [expect.objectContaining({ code: 'SATISFACTION_INDICATOR_MISSING', severity: 'warning' })],
      },
    });
  });
});

describe('deadlines', () => {
  it('records, on each event that enters a review stage, when that stage is due by the calendar', () => {
    const calendar = (stage: string, enteredAt: Date, year: number) =>
      year === 2025 ? new Date(enteredAt.getTime() + (stage === 'departmental_review' ? 5 : 3) * 86_400_000) : null;
    const context = { actor: people.preparer, now: T0, newId: () => 'x', dueAt: calendar };
    const submitted = decide(submit, stateAfter(histories.draft()), context, DEFAULT_RULE_SET);
    expect(submitted[0]!.data).toMatchObject({ dueAt: '2025-03-08T01:00:00.000Z' });
    const approved = decide(
      approve,
      stateAfter(histories.departmental_review()),
      { ...context, actor: people.reviewer },
      DEFAULT_RULE_SET,
    );
    expect(approved[0]!.data).toMatchObject({ dueAt: '2025-03-06T01:00:00.000Z' });
    const state = stateAfter([...histories.departmental_review(), ...approved]);
    expect(state.workflow).toMatchObject({ status: 'bureau_signoff', dueAt: '2025-03-06T01:00:00.000Z' });
  });
});
