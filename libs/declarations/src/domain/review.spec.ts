import { describe, expect, it } from '@jest/globals';
import type { DeclarationCommand } from './commands.js';
import { draftCommand, histories, history, people, stateAfter, submit, when } from './declaration.fixtures.js';
import type { DeclarationEvent } from './events.js';
import { DEFAULT_RULE_SET } from './rules.js';

const rowsOf = (given: DeclarationEvent[]) => stateAfter(given).content.indicators.map((i) => i.id);

describe('when under departmental review, a reviewer gives opinions and a grade', () => {
  const given = histories.departmental_review();
  const [cost, count] = rowsOf(given);

  it('records them on the approval, and only what was given', () => {
    const [event] = when(
      given,
      {
        type: 'ApproveDeclaration',
        comment: '同意',
        opinions: [{ indicatorId: cost!, opinion: ' 请补充测算依据 ' }],
        grade: '良',
      },
      people.reviewer,
    );
    expect(event).toMatchObject({
      type: 'DepartmentalReviewApproved',
      data: { comment: '同意', grade: '良', opinions: [{ indicatorId: cost, opinion: '请补充测算依据' }] },
    });
    const [plain] = when(given, { type: 'ApproveDeclaration', comment: '同意' }, people.reviewer);
    expect(Object.keys(plain!.data)).not.toEqual(expect.arrayContaining(['opinions']));
    expect(Object.keys(plain!.data)).not.toEqual(expect.arrayContaining(['grade']));
  });

  it('keeps them on the returned draft for the unit, noted against revision and stage', () => {
    const command: DeclarationCommand = {
      type: 'ReturnDeclaration',
      reason: '指标需修改',
      opinions: [
        { indicatorId: count!, opinion: '巡检次数偏少' },
        { indicatorId: cost!, opinion: '成本偏高' },
      ],
      grade: '中',
    };
    const state = stateAfter([...given, ...when(given, command, people.reviewer)]);
    expect(state.workflow.status).toBe('draft');
    expect(state.reviewNotes).toEqual([
      {
        revision: 1,
        stage: 'departmental_review',
        action: 'return',
        by: people.reviewer.userId,
        at: expect.any(String),
        grade: '中',
        opinions: [
          { indicatorId: count, opinion: '巡检次数偏少' },
          { indicatorId: cost, opinion: '成本偏高' },
        ],
      },
    ]);
  });

  it.each([
    [
      'an indicator not in the revision',
      [{ indicatorId: 'no-such-row', opinion: '？' }],
      'opinions[0].indicatorId',
      'INDICATOR_NOT_FOUND',
    ],
    [
      'two opinions on one row',
      [
        { indicatorId: 'new-1', opinion: '一' },
        { indicatorId: 'new-1', opinion: '二' },
      ],
      'opinions[1].indicatorId',
      'DUPLICATE',
    ],
    ['a blank opinion', [{ indicatorId: 'new-1', opinion: '  ' }], 'opinions[0].opinion', 'REQUIRED'],
  ])('refuses %s (400 with the path)', (_, opinions, path, code) => {
    expect(() => when(given, { type: 'ApproveDeclaration', comment: null, opinions }, people.reviewer)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path, code })] }),
    );
  });

  it('takes a grade only from the year’s scale', () => {
    expect(() => when(given, { type: 'ApproveDeclaration', comment: null, grade: 'A' }, people.reviewer)).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'grade', code: 'GRADE_UNKNOWN' })] }),
    );
    const rules = { ...DEFAULT_RULE_SET, grades: ['A', 'B', 'C'] };
    expect(
      when(given, { type: 'ApproveDeclaration', comment: null, grade: 'A' }, people.reviewer, rules)[0]!.data,
    ).toMatchObject({ grade: 'A' });
  });
});

describe('when at bureau sign-off', () => {
  const given = histories.bureau_signoff();

  it('takes opinions but no grade (grading is departmental review’s)', () => {
    const [cost] = rowsOf(given);
    const [event] = when(
      given,
      { type: 'RejectDeclaration', reason: '不予通过', opinions: [{ indicatorId: cost!, opinion: '无依据' }] },
      people.signer,
    );
    expect(event!.data).toMatchObject({ opinions: [{ indicatorId: cost, opinion: '无依据' }] });
    expect(() => when(given, { type: 'ApproveDeclaration', comment: null, grade: '优' }, people.signer)).toThrow(
      expect.objectContaining({
        errors: [expect.objectContaining({ path: 'grade', code: 'GRADE_NOT_AT_THIS_STAGE' })],
      }),
    );
  });
});

describe('discarding a draft (作废)', () => {
  const discard: DeclarationCommand = { type: 'DiscardDeclaration', reason: '重复导入' };

  it('ends a draft never submitted, by its unit’s preparer or an admin, keeping the reason', () => {
    expect(stateAfter(histories.discarded()).workflow).toEqual({
      status: 'discarded',
      reason: '重复导入',
      discardedBy: people.preparer.userId,
      discardedAt: expect.any(String),
    });
    expect(when(histories.draft(), discard, people.admin).map((e) => e.type)).toEqual(['DeclarationDiscarded']);
  });

  it('needs a reason', () => {
    expect(() => when(histories.draft(), { type: 'DiscardDeclaration', reason: ' ' }, people.preparer)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('refuses another unit’s preparer and every reviewer', () => {
    expect(() => when(histories.draft(), discard, people.otherUnitPreparer)).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        errors: [expect.objectContaining({ code: 'ACTOR_MAY_NOT_DISCARD' })],
      }),
    );
    expect(() => when(histories.draft(), discard, people.reviewer)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', errors: [expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' })] }),
    );
  });

  it('refuses a draft that was once submitted: returned, withdrawn or an amendment (409)', () => {
    const withdrawn = history(
      [draftCommand(), people.preparer],
      [submit, people.preparer],
      [{ type: 'WithdrawSubmission', comment: null }, people.preparer],
    );
    const confirmed = histories.confirmed();
    const amended = [...confirmed, ...when(confirmed, { type: 'OpenAmendment', reason: '调整' }, people.preparer)];
    for (const given of [withdrawn, amended]) {
      expect(stateAfter(given).workflow.status).toBe('draft');
      expect(() => when(given, discard, people.admin)).toThrow(
        expect.objectContaining({
          code: 'CONFLICT',
          errors: [expect.objectContaining({ code: 'DECLARATION_ONCE_SUBMITTED' })],
        }),
      );
    }
  });

  it('accepts nothing afterwards', () => {
    expect(() => when(histories.discarded(), submit, people.preparer)).toThrow(
      expect.objectContaining({ code: 'DECLARATION_ILLEGAL_TRANSITION' }),
    );
  });
});
