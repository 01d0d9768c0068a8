import { describe, expect, it } from '@jest/globals';
import { approve, draftCommand, histories, people, submit, when } from '../domain/declaration.fixtures.js';
import type { DeclarationEvent } from '../domain/index.js';
import { rowsOf } from './declaration-rows.js';

type Step = [Parameters<typeof when>[1], Parameters<typeof when>[2]];
const step = (events: DeclarationEvent[], ...steps: Step[]) =>
  steps.reduce((all, [command, actor]) => [...all, ...when(all, command, actor)], events);

describe('the rows of one declaration', () => {
  it('list what a reviewer’s list shows, with money in fen', () => {
    const { list } = rowsOf(histories.bureau_signoff());
    expect(list).toMatchObject({
      declaration_id: 'decl-1',
      unit_id: 'unit-a',
      department_id: 'dept-d',
      year: 2025,
      project_name: '网络信息系统运行与维护',
      state: 'bureau_signoff',
      revision: 1,
      version: 3,
      annual_total: 38141984,
      indicator_count: 6,
      submitted_by: 'preparer-a',
      returned_at: null,
    });
    expect(list.search_text).toContain('巡检次数');
  });

  it('record every workflow action with its actor, stage and revision (已办)', () => {
    const { actions } = rowsOf(histories.confirmed());
    expect(actions.map((a) => [a.version, a.user_id, a.action, a.stage])).toEqual([
      [2, 'preparer-a', 'submitted', null],
      [3, 'reviewer-d', 'approved', 'departmental_review'],
      [4, 'signer-d', 'approved', 'bureau_signoff'],
      [5, 'finance-1', 'approved', 'finance_confirmation'],
    ]);
  });

  it('keep the last return for the unit’s 被退回 queue, and clear it on resubmission', () => {
    const returned = step(histories.departmental_review(), [
      { type: 'ReturnDeclaration', reason: '补充测算依据' },
      people.reviewer,
    ]);
    expect(rowsOf(returned).list).toMatchObject({
      state: 'draft',
      returned_stage: 'departmental_review',
      return_reason: '补充测算依据',
      returned_by: 'reviewer-d',
    });
    expect(rowsOf(step(returned, [submit, people.preparer])).list).toMatchObject({
      state: 'departmental_review',
      returned_at: null,
    });
  });

  it('read each indicator’s target as quantitative or qualitative', () => {
    const { indicators } = rowsOf(histories.draft());
    expect(indicators.map((i) => [i.position, i.name, i.kind, i.comparator, i.value, i.unit])).toEqual([
      [0, '人均运维成本', 'quantitative', '≤', 116, '元/人/年'],
      [1, '巡检次数', 'quantitative', '≥', 4, '次'],
      [2, '运维故障发生次数', 'quantitative', '=', 0, '次'],
      [3, '运维完成及时', 'qualitative', null, null, null],
      [4, '辅助日常业务办理', 'qualitative', null, null, null],
      [5, '使用者满意度', 'quantitative', '≥', 85, '%'],
    ]);
  });

  it('note when the declaration entered its state', () => {
    const events = histories.departmental_review();
    expect(rowsOf(events).list.stage_entered_at).toBe(events[1]!.data.at);
    expect(rowsOf(when([], draftCommand(), people.preparer)).list.stage_entered_at).toBe('2025-03-03T01:00:00.000Z');
  });

  it('follow approvals of an amendment as a new revision', () => {
    const amended = step(
      histories.confirmed(),
      [{ type: 'OpenAmendment', reason: '调整' }, people.preparer],
      [submit, people.preparer],
      [approve, people.reviewer],
    );
    const { list, actions } = rowsOf(amended);
    expect(list).toMatchObject({ revision: 2, state: 'bureau_signoff' });
    expect(actions.at(-1)).toMatchObject({ action: 'approved', revision: 2, user_id: 'reviewer-d' });
  });

  it('keep the last confirmed revision and its annual total while an amendment is under way (the totals count it)', () => {
    expect(rowsOf(histories.bureau_signoff()).list).toMatchObject({
      confirmed_revision: null,
      confirmed_annual_total: null,
    });
    const amending = step(histories.confirmed(), [{ type: 'OpenAmendment', reason: '调整' }, people.preparer]);
    const revised = [
      ...amending,
      ...when(
        amending,
        {
          type: 'ReviseDeclaration',
          funds: { annualTotal: 40000000, currentYearAppropriation: 40000000 },
        },
        people.preparer,
      ),
    ];
    expect(rowsOf(revised).list).toMatchObject({
      state: 'draft',
      revision: 2,
      annual_total: 40000000,
      confirmed_revision: 1,
      confirmed_annual_total: 38141984,
    });
  });
});
