import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  actionsIn,
  decide,
  DEFAULT_RULE_SET,
  evolve,
  GetInbox,
  GetInboxHandler,
  judge,
  mayReviewSql,
  rowsOf,
  workflowContext,
  type Declaration,
  type DeclarationCommand,
  type DeclarationEvent,
  type WorkflowAction,
} from '@app/declarations';
import type { Actor, Role } from '@app/identity/roles';
import { ReadModelStatus } from '@app/projections';
import { AppError } from '@app/platform';
import { usePostgres } from '../support/postgres.js';
import { content } from '../support/workload.js';

const pg = usePostgres(4);

const UNITS = [
  { unitId: 'unit-a', departmentId: 'dept-1' },
  { unitId: 'unit-b', departmentId: 'dept-1' },
  { unitId: 'unit-c', departmentId: 'dept-2' },
];
const ROLES: Role[] = [
  'preparer',
  'department_reviewer',
  'bureau_signer',
  'finance_officer',
  'auditor',
  'admin',
  'budget_officer',
];
const USERS = ['u1', 'u2', 'u3'];

/** A person as they are at one moment: the same user may hold another role later (a role change). */
function actorOf(userId: string, role: Role, place: number): Actor {
  const { unitId, departmentId } = UNITS[place % UNITS.length]!;
  if (role === 'preparer') return { userId, role, unitId, departmentId };
  if (role === 'department_reviewer' || role === 'bureau_signer') return { userId, role, unitId: null, departmentId };
  return { userId, role, unitId: null, departmentId: null };
}

/** Everyone who could be asked, each scope once. */
const EVERYONE = [
  ...new Map(
    USERS.flatMap((u) => ROLES.flatMap((r) => UNITS.map((_, place) => actorOf(u, r, place)))).map((a) => [
      JSON.stringify(a),
      a,
    ]),
  ).values(),
];

const COMMANDS: DeclarationCommand[] = [
  { type: 'ReviseDeclaration', goals: { annualGoal: '完成年度目标' } },
  { type: 'SubmitDeclaration', comment: null },
  { type: 'WithdrawSubmission', comment: null },
  { type: 'ApproveDeclaration', comment: '同意' },
  { type: 'ReturnDeclaration', reason: '请补充' },
  { type: 'RejectDeclaration', reason: '不予通过' },
  { type: 'OpenAmendment', reason: '调整' },
  { type: 'DiscardDeclaration', reason: '作废' },
];

const step = fc.record({
  declaration: fc.nat(),
  command: fc.constantFrom(...COMMANDS),
  /** Mostly someone the workflow lets act, so histories get far; otherwise anyone at all. */
  byOneAllowed: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
  pick: fc.nat(),
  user: fc.constantFrom(...USERS),
  role: fc.constantFrom<Role>('preparer', 'department_reviewer', 'bureau_signer', 'finance_officer'),
  place: fc.nat(),
});

const ACTION_OF: Record<string, WorkflowAction> = {
  ReviseDeclaration: 'edit',
  SubmitDeclaration: 'submit',
  WithdrawSubmission: 'withdraw',
  ApproveDeclaration: 'approve',
  ReturnDeclaration: 'return',
  RejectDeclaration: 'reject',
  OpenAmendment: 'amend',
  DiscardDeclaration: 'discard',
};

/** The step's command and who asks: mostly something the state allows, by someone allowed to. */
function attempt(s: Step, state: Declaration): [DeclarationCommand, Actor] {
  const anyone = actorOf(s.user, s.role, s.place);
  if (!s.byOneAllowed) return [s.command, anyone];
  const open = actionsIn(state.workflow.status);
  const legal = COMMANDS.filter((c) => open.includes(ACTION_OF[c.type]!));
  const command = legal.length > 0 ? legal[s.pick % legal.length]! : s.command;
  const type = ACTION_OF[command.type]!;
  const allowed = EVERYONE.filter(
    (actor) => judge(state.workflow.status, workflowContext(state), { type, actor }).allowed,
  );
  return [command, allowed.length > 0 ? allowed[Math.floor(s.pick / 7) % allowed.length]! : anyone];
}

/** Declarations driven by whoever happens to ask: refused commands leave no trace, as in the service. */
type Step = {
  declaration: number;
  command: DeclarationCommand;
  byOneAllowed: boolean;
  pick: number;
  user: string;
  role: Role;
  place: number;
};

function historiesOf(count: number, steps: Step[]): DeclarationEvent[][] {
  const histories: DeclarationEvent[][] = [];
  const states: Declaration[] = [];
  for (let n = 0; n < count; n++) {
    const { unitId, departmentId } = UNITS[n % UNITS.length]!;
    const preparer = actorOf(`u${(n % USERS.length) + 1}`, 'preparer', n);
    const drafted = decide(
      {
        type: 'DraftDeclaration',
        declarationId: randomUUID(),
        unitId,
        departmentId,
        content: content(n),
        origin: { kind: 'typed' },
      },
      null,
      { actor: preparer, now: new Date(), newId: randomUUID },
      DEFAULT_RULE_SET,
    );
    histories.push(drafted);
    states.push(drafted.reduce<Declaration | null>(evolve, null)!);
  }
  for (const s of steps) {
    const at = s.declaration % count;
    const [command, actor] = attempt(s, states[at]!);
    try {
      const events = decide(command, states[at]!, { actor, now: new Date(), newId: randomUUID }, DEFAULT_RULE_SET);
      histories[at]!.push(...events);
      states[at] = events.reduce(evolve, states[at]!);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return histories;
}

async function writeRows(histories: DeclarationEvent[][]): Promise<void> {
  const rows = histories.map(rowsOf);
  await pg.dataSource.query(`TRUNCATE declaration_list, declaration_actions, indicator_rows`);
  await pg.dataSource.query(
    `INSERT INTO declaration_list SELECT * FROM json_populate_recordset(null::declaration_list, $1::json)`,
    [JSON.stringify(rows.map((r) => r.list))],
  );
  await pg.dataSource.query(
    `INSERT INTO declaration_actions SELECT * FROM json_populate_recordset(null::declaration_actions, $1::json)`,
    [JSON.stringify(rows.flatMap((r) => r.actions))],
  );
}

describe("the inbox's 'who may act now' and the workflow's guards", () => {
  it('agree for random histories, with people whose roles change between steps (property)', async () => {
    const inbox = new GetInboxHandler(pg.dataSource, new ReadModelStatus(pg.dataSource, []));
    const mayReview = mayReviewSql({ userId: '$1', role: '$2::text', departmentId: '$3::text' });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(step, { minLength: 5, maxLength: 60 }),
        async (count, steps) => {
          const histories = historiesOf(count, steps);
          await writeRows(histories);
          const states = histories.map((h) => h.reduce<Declaration | null>(evolve, null)!);
          for (const actor of EVERYONE) {
            const action = actor.role === 'preparer' ? 'submit' : 'approve';
            const allowed = states
              .filter((s) => judge(s.workflow.status, workflowContext(s), { type: action, actor }).allowed)
              .map((s) => s.id)
              .sort();
            const page = await inbox.execute(new GetInbox(actor, { queue: 'todo', page: 1, pageSize: 200 }));
            const waiting = page.items.map((i) => i.id);
            if (actor.role === 'preparer') {
              // A preparer's returned drafts wait in their own queue; together they are what they may submit.
              const returned = await inbox.execute(new GetInbox(actor, { queue: 'returned', page: 1, pageSize: 200 }));
              waiting.push(...returned.items.map((i) => i.id));
            } else if (action === 'approve') {
              // The form without a stage, as the overdue digest joins it over users.
              const rows = await pg.dataSource.query<{ id: string }[]>(
                `SELECT declaration_id::text AS id FROM declaration_list l WHERE ${mayReview}`,
                [actor.userId, actor.role, actor.departmentId],
              );
              expect(rows.map((r) => r.id).sort()).toEqual(allowed);
            }
            expect({ actor, waiting: waiting.sort() }).toEqual({ actor, waiting: allowed });
          }
        },
      ),
      { numRuns: 100, endOnFailure: true },
    );
  });
});
