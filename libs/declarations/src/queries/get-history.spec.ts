import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@app/event-store';
import type { Actor } from '@app/identity/roles';
import { people, soundContent } from '../domain/declaration.fixtures.js';
import { decide, DEFAULT_RULE_SET, fold, type DeclarationCommand, type DeclarationEvent } from '../domain/index.js';
import { historyOf } from './get-history.js';
import { replay, type StoredDeclarationEvent } from './replay.js';

/** Runs commands through the decider with ids that stay unique across steps, then stores them. */
function stored(...steps: [DeclarationCommand, Actor][]): StoredDeclarationEvent[] {
  const events: DeclarationEvent[] = [];
  const actors: Actor[] = [];
  let n = 0;
  for (const [command, actor] of steps) {
    const context = { actor, now: new Date(Date.UTC(2025, 2, 3, 1, 0, events.length)), newId: () => `id-${++n}` };
    for (const event of decide(command, fold(events), context, DEFAULT_RULE_SET)) {
      events.push(event);
      actors.push(actor);
    }
  }
  return events.map((event, i) => ({
    ...event,
    globalPosition: BigInt(100 + i),
    transactionId: BigInt(10 + i),
    streamId: 'declaration-decl-1',
    streamVersion: i + 1,
    metadata: { actorId: actors[i]!.userId, role: actors[i]!.role, unit: actors[i]!.unitId, correlationId: `c-${i}` },
    recordedAt: new Date(Date.UTC(2025, 2, 3, 1, 0, i)),
    previousHash: i === 0 ? null : `h${i - 1}`,
    hash: `h${i}`,
  })) as StoredEvent[] as StoredDeclarationEvent[];
}

const draft: DeclarationCommand = {
  type: 'DraftDeclaration',
  declarationId: 'decl-1',
  unitId: 'unit-a',
  departmentId: 'dept-d',
  content: soundContent(),
  origin: { kind: 'typed' },
};
const approve: DeclarationCommand = { type: 'ApproveDeclaration', comment: '同意' };
const names = new Map([[people.preparer.userId, { username: 'li.wei', displayName: '李伟' }]]);

describe('a declaration’s history', () => {
  const events = stored(
    [draft, people.preparer],
    [{ type: 'ReviseDeclaration', funds: { carryOver: 100, annualTotal: 38142084 } }, people.preparer],
    [{ type: 'SubmitDeclaration', comment: '请审核' }, people.preparer],
    [{ type: 'ReturnDeclaration', reason: '成本测算依据不足' }, people.reviewer],
    [{ type: 'RemoveIndicator', indicatorId: 'id-2' }, people.preparer],
    [{ type: 'SubmitDeclaration', comment: null }, people.preparer],
    [approve, people.reviewer],
    [approve, people.signer],
    [approve, people.finance],
    [{ type: 'OpenAmendment', reason: '年中调整' }, people.preparer],
    [{ type: 'ReviseIndicator', indicatorId: 'id-3', changes: { target: '≥6(次)' } }, people.preparer],
    [{ type: 'SubmitDeclaration', comment: null }, people.preparer],
    [{ type: 'RejectDeclaration', reason: '调整理由不充分' }, people.reviewer],
  );
  const entries = historyOf(replay(events), names);

  it('has one entry per event, oldest first, with the stage before and after each', () => {
    expect(entries.map((e) => [e.version, e.type, e.stage.before, e.stage.after, e.revision])).toEqual([
      [1, 'DeclarationDrafted', null, 'draft', 1],
      [2, 'FundsRevised', 'draft', 'draft', 1],
      [3, 'DeclarationSubmitted', 'draft', 'departmental_review', 1],
      [4, 'DeclarationReturned', 'departmental_review', 'draft', 1],
      [5, 'IndicatorRemoved', 'draft', 'draft', 1],
      [6, 'DeclarationSubmitted', 'draft', 'departmental_review', 1],
      [7, 'DepartmentalReviewApproved', 'departmental_review', 'bureau_signoff', 1],
      [8, 'BureauSignedOff', 'bureau_signoff', 'finance_confirmation', 1],
      [9, 'DeclarationConfirmed', 'finance_confirmation', 'confirmed', 1],
      [10, 'AmendmentOpened', 'confirmed', 'draft', 2],
      [11, 'IndicatorRevised', 'draft', 'draft', 2],
      [12, 'DeclarationSubmitted', 'draft', 'departmental_review', 2],
      [13, 'DeclarationRejected', 'departmental_review', 'confirmed', 2],
    ]);
  });

  it('says who: today’s name from the directory, the role and unit the event recorded', () => {
    expect(entries[0]!.actor).toEqual({
      id: 'preparer-a',
      username: 'li.wei',
      displayName: '李伟',
      role: 'preparer',
      unit: 'unit-a',
    });
    expect(entries[3]!.actor).toEqual({
      id: 'reviewer-d',
      username: null,
      displayName: null,
      role: 'department_reviewer',
      unit: null,
    });
  });

  it('carries the comment or the reason', () => {
    expect(entries.map((e) => e.comment)).toEqual([
      null,
      null,
      '请审核',
      '成本测算依据不足',
      null,
      null,
      '同意',
      '同意',
      '同意',
      '年中调整',
      null,
      null,
      '调整理由不充分',
    ]);
  });

  it('shows what changed field by field, money in yuan, whole indicators when added or removed', () => {
    expect(entries[1]!.changes).toEqual([
      { field: 'funds.annualTotal', before: 381419.84, after: 381420.84 },
      { field: 'funds.carryOver', before: 0, after: 1 },
    ]);
    expect(entries[4]!.changes).toEqual([
      { field: 'indicators[id-2]', before: expect.objectContaining({ id: 'id-2', name: '巡检次数' }), after: null },
    ]);
    expect(entries[10]!.changes).toEqual([{ field: 'indicators[id-3].target', before: '=0.00(次)', after: '≥6(次)' }]);
    expect(entries[6]!.changes).toEqual([]);
  });

  it('shows a rejected amendment rolling the form back to the confirmed revision', () => {
    expect(entries[12]!.changes).toEqual([{ field: 'indicators[id-3].target', before: '≥6(次)', after: '=0.00(次)' }]);
  });

  it('keeps the chain fields and positions as strings', () => {
    expect(entries[1]).toMatchObject({
      globalPosition: '101',
      recordedAt: '2025-03-03T01:00:01.000Z',
      correlationId: 'c-1',
      commandId: null,
      hash: 'h1',
      previousHash: 'h0',
    });
  });
});
