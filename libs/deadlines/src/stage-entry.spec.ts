import { describe, expect, it } from '@jest/globals';
import { decide, fold, type DeclarationCommand, type DeclarationEvent } from '@app/declarations';
import type { Actor } from '@app/identity/roles';
import { approve, draftCommand, people, submit } from '../../declarations/src/domain/declaration.fixtures.js';
import { DEFAULT_RULE_SET } from '@app/declarations';
import { currentStageEntry } from './stage-entry.js';

const DUE = '2025-03-10T16:00:00.000Z';

/** Runs the commands with a calendar that makes every stage due at DUE; events get versions 1, 2, … */
function run(...steps: [DeclarationCommand, Actor][]) {
  const events: DeclarationEvent[] = [];
  for (const [command, actor] of steps) {
    const context = { actor, now: new Date('2025-03-03T07:20:00Z'), newId: () => 'x', dueAt: () => new Date(DUE) };
    events.push(...decide(command, fold(events), context, DEFAULT_RULE_SET));
  }
  return events.map((e, i) => ({ ...e, streamVersion: i + 1 }));
}

describe('the stage a declaration waits in', () => {
  it('is none for a draft', () => {
    expect(currentStageEntry(run([draftCommand(), people.preparer]))).toBeNull();
  });

  it('is none for a discarded draft (作废): no reminder or overdue notice is ever planned for it', () => {
    const discard: [DeclarationCommand, Actor] = [{ type: 'DiscardDeclaration', reason: '重复导入' }, people.preparer];
    expect(currentStageEntry(run([draftCommand(), people.preparer], discard))).toBeNull();
  });

  it('is the stage entered last, named by the version of the event that entered it', () => {
    const submitted = run([draftCommand(), people.preparer], [submit, people.preparer]);
    expect(currentStageEntry(submitted)).toEqual({
      stage: 'departmental_review',
      enteredVersion: 2,
      enteredAt: '2025-03-03T07:20:00.000Z',
      dueAt: DUE,
    });
    const approved = run([draftCommand(), people.preparer], [submit, people.preparer], [approve, people.reviewer]);
    expect(currentStageEntry(approved)).toMatchObject({ stage: 'bureau_signoff', enteredVersion: 3 });
  });

  it('is none once it was returned, and a new stay after resubmitting', () => {
    const back: [DeclarationCommand, Actor] = [{ type: 'ReturnDeclaration', reason: '补充' }, people.reviewer];
    const returned = run([draftCommand(), people.preparer], [submit, people.preparer], back);
    expect(currentStageEntry(returned)).toBeNull();
    const again = run([draftCommand(), people.preparer], [submit, people.preparer], back, [submit, people.preparer]);
    expect(currentStageEntry(again)).toMatchObject({ stage: 'departmental_review', enteredVersion: 4 });
  });

  it('is none when the entry recorded no due time (events from before deadlines)', () => {
    const old = run([draftCommand(), people.preparer], [submit, people.preparer]).map((e) =>
      e.type === 'DeclarationSubmitted' ? { ...e, data: { ...e.data, dueAt: null } } : e,
    );
    expect(currentStageEntry(old)).toBeNull();
  });
});
