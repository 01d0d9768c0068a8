import { describe, expect, it } from '@jest/globals';
import { histories, people, stateAfter, when } from './declaration.fixtures.js';
import type { DeclarationEvent } from './events.js';
import { evolve, fold, UnfoldableEventError } from './evolve.js';
import { actionRecordedBy, actionsIn, MOVES, stageEnteredBy, statusAfter } from './workflow.js';

describe('what is read off the machine', () => {
  it('knows which event enters which review stage', () => {
    expect(stageEnteredBy('DeclarationSubmitted')).toBe('departmental_review');
    expect(stageEnteredBy('DepartmentalReviewApproved')).toBe('bureau_signoff');
    expect(stageEnteredBy('BureauSignedOff')).toBe('finance_confirmation');
    for (const type of ['DeclarationConfirmed', 'DeclarationReturned', 'GoalsRevised', 'AmendmentOpened'] as const) {
      expect(stageEnteredBy(type)).toBeNull();
    }
  });

  it('knows the action each event records and the actions each status accepts', () => {
    expect(actionRecordedBy('BureauSignedOff')).toBe('approve');
    expect(actionRecordedBy('IndicatorRemoved')).toBe('edit');
    expect(actionsIn('draft')).toEqual(['edit', 'submit', 'discard']);
    expect(actionsIn('discarded')).toEqual([]);
    expect(actionsIn('rejected')).toEqual([]);
  });

  it('leads a rejection back to the confirmed revision only while an amendment is under way', () => {
    expect(statusAfter('bureau_signoff', 'DeclarationRejected', false)).toBe('rejected');
    expect(statusAfter('bureau_signoff', 'DeclarationRejected', true)).toBe('confirmed');
    expect(statusAfter('draft', 'BureauSignedOff', false)).toBeNull();
  });

  it('names for every transition the events that record it', () => {
    expect(MOVES.every((m) => m.records.length > 0)).toBe(true);
  });
});

describe('an event the workflow cannot apply', () => {
  const draft = histories.draft();
  const signedOff = when(histories.bureau_signoff(), { type: 'ApproveDeclaration', comment: null }, people.signer);

  it('is refused by the fold, naming the event and the state it met', () => {
    const poison = signedOff[0] as DeclarationEvent;
    expect(() => evolve(stateAfter(draft), poison)).toThrow(UnfoldableEventError);
    expect(() => evolve(stateAfter(draft), poison)).toThrow(
      'BureauSignedOff cannot follow a declaration that is draft',
    );
  });

  it('includes a second draft and anything before the first', () => {
    expect(() => fold([...draft, ...draft])).toThrow(UnfoldableEventError);
    expect(() => fold(signedOff)).toThrow('BureauSignedOff cannot follow nothing');
  });
});
