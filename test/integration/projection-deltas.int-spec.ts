import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  actionsIn,
  decide,
  declarationStreamId,
  DeclarationsProjection,
  DEFAULT_RULE_SET,
  evolve,
  type Declaration,
  type DeclarationCommand,
  type DeclarationEvent,
} from '@app/declarations';
import { PostgresEventStore } from '@app/event-store';
import { catchUp, type Projection } from '@app/projections';
import type { Actor } from '@app/identity/roles';
import { usePostgres } from '../support/postgres.js';
import { afterApply, catchUpFully, freshReplay, snapshotTables } from '../support/read-models.js';
import { content, staff, type People } from '../support/workload.js';
import { testKeys } from '../support/keys.js';

const pg = usePostgres(10);

interface Tracked {
  id: string;
  state: Declaration;
  version: number;
  people: People;
}

/** Every kind of command, picked by `choice` among what the declaration's state allows. */
function commandFor(t: Tracked, choice: number, n: number): [DeclarationCommand, Actor] {
  const action = actionsIn(t.state.workflow.status).filter((a) => a !== 'discard' || !t.state.everSubmitted);
  const indicators = t.state.content.indicators;
  const indicator = indicators[choice % Math.max(indicators.length, 1)];
  const reviewer = {
    departmental_review: t.people.reviewer,
    bureau_signoff: t.people.signer,
    finance_confirmation: t.people.finance,
  }[t.state.workflow.status as 'departmental_review'];
  switch (action[choice % action.length]) {
    case 'edit': {
      const edits: DeclarationCommand[] = [
        { type: 'ReviseDeclaration', goals: { annualGoal: `目标 ${n}` } },
        { type: 'ReviseDeclaration', funds: { annualTotal: 100_000 + n, currentYearAppropriation: 100_000 + n } },
        {
          type: 'AddIndicator',
          indicator: { level1: '满意度指标', level2: '服务对象满意度指标', name: `满意度${n}`, target: '≥90(%)' },
        },
      ];
      if (indicator) {
        edits.push({ type: 'ReviseIndicator', indicatorId: indicator.id, changes: { target: `≥${n}(人次)` } });
        edits.push({ type: 'ReviseIndicator', indicatorId: indicator.id, changes: { name: `改名${n}` } });
        if (indicators.length > 1) edits.push({ type: 'RemoveIndicator', indicatorId: indicator.id });
      }
      return [edits[Math.floor(choice / 7) % edits.length]!, t.people.preparer];
    }
    case 'submit':
      return [{ type: 'SubmitDeclaration', comment: null }, t.people.preparer];
    case 'withdraw':
      return [{ type: 'WithdrawSubmission', comment: null }, t.people.preparer];
    case 'approve':
      return [{ type: 'ApproveDeclaration', comment: '同意' }, reviewer];
    case 'return': {
      const opinions = indicator && choice % 2 === 0 ? [{ indicatorId: indicator.id, opinion: `意见${n}` }] : [];
      return [{ type: 'ReturnDeclaration', reason: '请补充', opinions }, reviewer];
    }
    case 'reject':
      return [{ type: 'RejectDeclaration', reason: '不予通过' }, reviewer];
    case 'discard':
      return [{ type: 'DiscardDeclaration', reason: '重复导入' }, t.people.preparer];
    default:
      return [{ type: 'OpenAmendment', reason: '调整' }, t.people.preparer];
  }
}

/** Writes its rows, then fails: the transaction rolls back after the projection's folds moved on. */
function failingAfterApply(inner: Projection, failures: { count: number }): Projection {
  return afterApply(inner, () => {
    failures.count += 1;
    throw new Error('the connection went away after the rows were written');
  });
}

const then = fc.constantFrom('append', 'append', 'apply', 'apply', 'apply', 'rollback', 'other worker', 'restart');

async function expectEqualToReplay(): Promise<void> {
  const projection = new DeclarationsProjection();
  expect(await snapshotTables(pg.dataSource, projection)).toEqual(await freshReplay(pg.dataSource, projection));
}

describe('the declarations projection, applying events onto the folds it keeps', () => {
  it('writes exactly the rows of a fresh replay, across other workers, restarts and rolled-back batches (property)', async () => {
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    const failures = { count: 0 };
    const all: DeclarationsProjection[] = [];
    const started = () => {
      all.push(new DeclarationsProjection());
      return all.at(-1)!;
    };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ which: fc.nat(), choice: fc.nat(), then }), { minLength: 5, maxLength: 40 }),
        async (count, steps) => {
          const workers = [started(), started()];
          let worker = 0;
          const tracked: Tracked[] = [];
          const append = async (t: Tracked | null, command: DeclarationCommand, actor: Actor) => {
            const context = { actor, now: new Date(), newId: randomUUID };
            let events: DeclarationEvent[] = [];
            try {
              events = decide(command, t?.state ?? null, context, DEFAULT_RULE_SET);
            } catch {
              // Refused (a check the content fails, say): nothing happens, as for a user.
            }
            if (events.length === 0) return { state: t!.state, added: 0 };
            const id = t?.id ?? (command as { declarationId: string }).declarationId;
            await store.append(declarationStreamId(id), t?.version ?? 'no_stream', events, {
              actorId: actor.userId,
              role: actor.role,
            });
            return { state: events.reduce<Declaration | null>(evolve, t?.state ?? null)!, added: events.length };
          };
          for (let i = 0; i < count; i++) {
            const id = randomUUID();
            const people = staff(`unit-${i % 3}`, `dept-${i % 2}`);
            const command: DeclarationCommand = {
              type: 'DraftDeclaration',
              declarationId: id,
              unitId: `unit-${i % 3}`,
              departmentId: `dept-${i % 2}`,
              content: content(i),
              origin: { kind: 'typed' },
            };
            const { state, added } = await append(null, command, people.preparer);
            tracked.push({ id, state, version: added, people });
          }
          for (const step of steps) {
            const t = tracked[step.which % tracked.length]!;
            const [command, actor] = commandFor(t, step.choice, ++n);
            const { state, added } = await append(t, command, actor);
            t.state = state;
            t.version += added;
            if (step.then === 'apply') {
              await catchUp(pg.dataSource, workers[worker]!, { batchSize: 3 });
              // After every catch-up, not only at the end: a later re-read would hide a wrong fold.
              await expectEqualToReplay();
            }
            if (step.then === 'rollback')
              await catchUp(pg.dataSource, failingAfterApply(workers[worker]!, failures), {
                batchSize: 3,
                maxBatches: 1,
              }).catch(() => undefined);
            if (step.then === 'other worker') worker = 1 - worker;
            if (step.then === 'restart') workers[worker] = started();
          }
          await catchUpFully(pg.dataSource, workers[worker]!);
          await expectEqualToReplay();
        },
      ),
      { numRuns: 20 },
    );
    const stats = (key: 'cached' | 'started' | 'reread') => all.reduce((sum, p) => sum + p.folded.stats[key], 0);
    // Each way of folding a declaration was taken, and batches were rolled back with folds moved on.
    expect(stats('cached')).toBeGreaterThan(30);
    expect(stats('started')).toBeGreaterThan(0);
    expect(stats('reread')).toBeGreaterThan(0);
    expect(failures.count).toBeGreaterThan(0);
  }, 180_000);
});
