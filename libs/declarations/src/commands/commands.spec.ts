import { describe, expect, it } from '@jest/globals';
import { BudgetCalendar, FixedCalendar } from '@app/calendar';
import { InMemoryEventStore } from '@app/event-store';
import { Organisations, type Unit } from '@app/identity';
import { AppError, ManualClock, SequentialIdGenerator } from '@app/platform';
import { DeclarationStream } from '../declaration-stream.js';
import { people, soundContent, T0 } from '../domain/declaration.fixtures.js';
import type { Actor } from '@app/identity/roles';
import { RuleSets } from '../rule-sets.js';
import { ChangeDeclaration, ChangeDeclarationHandler, type Change } from './change-declaration.js';
import {
  DraftDeclaration,
  DraftDeclarationHandler,
  DraftDeclarations,
  DraftDeclarationsHandler,
  Drafting,
} from './draft-declaration.js';

/** The units of the fixtures' people, without a database. */
class KnownUnits extends Organisations {
  constructor() {
    super(null as never);
  }
  override findUnit(id: string): Promise<Unit | null> {
    const units: Unit[] = [
      { id: 'unit-a', name: '甲单位', departmentId: 'dept-d' },
      { id: 'unit-b', name: '乙单位', departmentId: 'dept-d' },
    ];
    return Promise.resolve(units.find((u) => u.id === id) ?? null);
  }
}

const calendar = new BudgetCalendar(
  [],
  [
    {
      budgetYear: 2025,
      submissionDeadline: '2024-10-31',
      submissionReminderDays: 10,
      stageLimits: { departmental_review: 5, bureau_signoff: 3, finance_confirmation: 10 },
    },
  ],
);

function setUp() {
  const store = new InMemoryEventStore(() => T0);
  const stream = new DeclarationStream(store);
  const clock = new ManualClock(T0);
  const ids = new SequentialIdGenerator();
  const drafting = new Drafting(new KnownUnits(), RuleSets.defaults(), clock, ids);
  const draft = new DraftDeclarationHandler(stream, drafting);
  const draftMany = new DraftDeclarationsHandler(stream, drafting, new KnownUnits());
  const change = new ChangeDeclarationHandler(stream, RuleSets.defaults(), clock, ids, new FixedCalendar(calendar));
  const typed = (actor: Actor = people.preparer, unitId = 'unit-a', key?: string) =>
    new DraftDeclaration(
      actor,
      unitId,
      soundContent(),
      { kind: 'typed' },
      key ? { idempotency: { key, fingerprint: 'f' } } : {},
    );
  const act = (actor: Actor, id: string, what: Change, version: number | null, key?: string) =>
    change.execute(
      new ChangeDeclaration(actor, id, what, version, key ? { idempotency: { key, fingerprint: 'f' } } : {}),
    );
  return { store, stream, draft, draftMany, typed, act };
}

const submit: Change = { type: 'SubmitDeclaration', comment: null };

describe('drafting a declaration', () => {
  it('appends its first event on a new stream and answers its id and version', async () => {
    const { store, draft, typed } = setUp();
    const result = await draft.execute(typed());
    expect(result).toMatchObject({ version: 1, replayed: false });
    const [event] = await store.readStream(`declaration-${result.declarationId}`);
    expect(event).toMatchObject({ type: 'DeclarationDrafted', metadata: { actorId: 'preparer-a', role: 'preparer' } });
    expect(event!.data).toMatchObject({ unitId: 'unit-a', departmentId: 'dept-d' });
  });

  it('answers a repeated Idempotency-Key with the first declaration, drafting no second one', async () => {
    const { store, draft, typed } = setUp();
    const first = await draft.execute(typed(people.preparer, 'unit-a', 'k1'));
    const again = await draft.execute(typed(people.preparer, 'unit-a', 'k1'));
    // The first also hands back the declaration it made (a repeat has none: the edge reads it).
    const { declaration, ...answer } = first;
    expect(declaration).toMatchObject({ id: first.declarationId, unitId: 'unit-a' });
    expect(again).toEqual({ ...answer, replayed: true });
    expect(await store.readAll()).toHaveLength(1);
  });

  it('refuses an unknown unit and another unit’s preparer, writing nothing', async () => {
    const { store, draft, typed } = setUp();
    await expect(draft.execute(typed(people.admin, 'unit-x'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(draft.execute(typed(people.preparer, 'unit-b'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await store.readAll()).toEqual([]);
  });

  it('drafts many in one go, a repeated form naming the declaration it made before', async () => {
    const { store, draftMany, typed } = setUp();
    const first = await draftMany.execute(
      new DraftDeclarations([typed(people.preparer, 'unit-a', 'a'), typed(people.preparer, 'unit-a', 'b')]),
    );
    const second = await draftMany.execute(
      new DraftDeclarations([typed(people.preparer, 'unit-a', 'b'), typed(people.preparer, 'unit-a', 'c')]),
    );
    expect(second[0]).toEqual({ ...first[1], replayed: true });
    expect(second[1]!.replayed).toBe(false);
    expect(await store.readAll()).toHaveLength(3);
  });
});

describe('changing a declaration', () => {
  it('decides at the version the caller saw and appends what the workflow records', async () => {
    const { store, draft, typed, act } = setUp();
    const { declarationId } = await draft.execute(typed());
    const submitted = await act(people.preparer, declarationId, submit, 1);
    expect(submitted).toMatchObject({ declarationId, version: 2, replayed: false });
    const events = await store.readStream(`declaration-${declarationId}`);
    expect(events.at(-1)).toMatchObject({ type: 'DeclarationSubmitted', data: { by: 'preparer-a' } });
    expect((events.at(-1)!.data as { dueAt: string }).dueAt).toBe('2025-03-10T16:00:00.000Z');
  });

  it('refuses a stale or missing If-Match with the codes the edge turns into 412 and 428', async () => {
    const { draft, typed, act } = setUp();
    const { declarationId } = await draft.execute(typed());
    await expect(act(people.preparer, declarationId, submit, 5)).rejects.toMatchObject({ actual: 1 });
    await expect(act(people.preparer, declarationId, submit, null)).rejects.toMatchObject({
      name: 'ExpectedVersionRequiredError',
    });
  });

  it('hides a declaration outside the caller’s scope: not found, before any version is checked', async () => {
    const { draft, typed, act } = setUp();
    const { declarationId } = await draft.execute(typed());
    const attempt = act(people.otherUnitPreparer, declarationId, submit, 99);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers a repeated Idempotency-Key with the first outcome, even after the declaration moved on', async () => {
    const { store, draft, typed, act } = setUp();
    const { declarationId } = await draft.execute(typed());
    const first = await act(people.preparer, declarationId, submit, 1, 'send');
    await act(people.reviewer, declarationId, { type: 'ApproveDeclaration', comment: null }, 2);
    const again = await act(people.preparer, declarationId, submit, 1, 'send');
    const { declaration, ...answer } = first;
    expect(declaration?.workflow.status).toBe('departmental_review');
    expect(again).toEqual({ ...answer, replayed: true });
    expect(await store.readStream(`declaration-${declarationId}`)).toHaveLength(3);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const { store, draft, typed, act } = setUp();
    const { declarationId } = await draft.execute(typed());
    const same: Change = { type: 'ReviseDeclaration', goals: { annualGoal: soundContent().annualGoal } };
    expect(await act(people.preparer, declarationId, same, 1)).toMatchObject({ version: 1, position: null });
    expect(await store.readStream(`declaration-${declarationId}`)).toHaveLength(1);
  });
});
