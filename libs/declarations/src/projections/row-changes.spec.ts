import { describe, expect, it } from '@jest/globals';
import type { Actor } from '@app/identity/roles';
import { histories, people, submit, when } from '../domain/declaration.fixtures.js';
import type { DeclarationCommand, DeclarationEvent } from '../domain/index.js';
import { foldRows, rowsOf, rowsOfFolded } from './declaration-rows.js';
import { diffRows } from './row-changes.js';

const then = (events: DeclarationEvent[], command: DeclarationCommand, actor: Actor = people.preparer) => [
  ...events,
  ...when(events, command, actor),
];
const INDICATOR_KEY = ['declaration_id', 'indicator_id'];

describe('a declaration folded in pieces', () => {
  const returned = then(
    histories.departmental_review(),
    { type: 'ReturnDeclaration', reason: '请修改', opinions: [{ indicatorId: 'new-2', opinion: '偏少' }] },
    people.reviewer,
  );
  const amending = then(histories.confirmed(), { type: 'OpenAmendment', reason: '调整' });
  const resubmitted = then(then(amending, { type: 'RemoveIndicator', indicatorId: 'new-3' }), submit);
  const long = then(resubmitted, { type: 'ApproveDeclaration', comment: null }, people.reviewer);

  it.each([
    ['confirmed, amended, an indicator removed', long],
    ['returned with opinions', returned],
    ['rejected', histories.rejected()],
    ['discarded', histories.discarded()],
  ])('has the rows of folding it whole, wherever it is cut (%s)', (_, events) => {
    for (let cut = 1; cut < events.length; cut++) {
      for (let second = cut; second <= events.length; second++) {
        let folded = foldRows(null, events.slice(0, cut));
        for (const piece of [events.slice(cut, second), events.slice(second)])
          if (piece.length > 0) folded = foldRows(folded, piece);
        expect(rowsOfFolded(folded)).toEqual(rowsOf(events));
      }
    }
  });
});

describe('the rows a batch writes', () => {
  it('are one indicator row when an indicator’s target is revised', () => {
    const before = histories.draft();
    const after = then(before, { type: 'ReviseIndicator', indicatorId: 'new-2', changes: { target: '≥6(次)' } });
    const { removed, written } = diffRows(rowsOf(before).indicators, rowsOf(after).indicators, INDICATOR_KEY);
    expect(removed).toEqual([]);
    expect(written).toMatchObject([{ indicator_id: 'new-2', target: '≥6(次)', value: 6 }]);
  });

  it('are the rows moved up and the one gone when an indicator is removed', () => {
    const before = histories.draft();
    const after = then(before, { type: 'RemoveIndicator', indicatorId: 'new-4' });
    const { removed, written } = diffRows(rowsOf(before).indicators, rowsOf(after).indicators, INDICATOR_KEY);
    expect(removed).toMatchObject([{ indicator_id: 'new-4' }]);
    expect(written.map((r) => [r.indicator_id, r.position])).toEqual([
      ['new-5', 3],
      ['new-6', 4],
    ]);
  });

  it('are every indicator row, and the actions new since, when the declaration changes state', () => {
    const before = histories.draft();
    const after = then(before, submit);
    expect(diffRows(rowsOf(before).indicators, rowsOf(after).indicators, INDICATOR_KEY).written).toHaveLength(6);
    const actions = diffRows(rowsOf(before).actions, rowsOf(after).actions, ['declaration_id', 'version']);
    expect(actions).toMatchObject({ removed: [], written: [{ version: 2, action: 'submitted' }] });
  });

  it('compare arrays and objects by value, not identity', () => {
    const row = { id: 'a', opinions: [{ indicatorId: 'x', opinion: '偏少' }], authors: ['p'] };
    const same = { id: 'a', opinions: [{ indicatorId: 'x', opinion: '偏少' }], authors: ['p'] };
    expect(diffRows([row], [same], ['id']).written).toEqual([]);
    expect(diffRows([row], [{ ...same, authors: ['p', 'q'] }], ['id']).written).toHaveLength(1);
    expect(diffRows([row], [{ ...same, opinions: null }], ['id']).written).toHaveLength(1);
  });
});
