import {
  decide,
  evolve,
  actionsIn,
  type Declaration,
  type DeclarationCommand,
  type DeclarationEvent,
  type DraftContent,
  type Origin,
  DEFAULT_RULE_SET,
} from '@app/declarations';
import { declarationStreamId } from '@app/declarations';
import type { EventStore } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/identity/roles';

/** The people of a workload: a unit's preparer and one person per review stage. */
export const staff = (unitId: string, departmentId: string) =>
  ({
    preparer: { userId: `prep-${unitId}`, role: 'preparer', unitId, departmentId },
    reviewer: { userId: `rev-${departmentId}`, role: 'department_reviewer', unitId: null, departmentId },
    signer: { userId: `sign-${departmentId}`, role: 'bureau_signer', unitId: null, departmentId },
    finance: { userId: 'finance', role: 'finance_officer', unitId: null, departmentId: null },
  }) satisfies Record<string, Actor>;

export function content(n: number): DraftContent {
  return {
    year: 2025,
    projectName: `项目${n}`,
    nature: '其他经常性项目',
    category: n % 3 === 0 ? '其他事业发展类' : '其他运转类',
    plannedStart: '2025-01-01',
    plannedEnd: '2025-12-31',
    funds: {
      projectTotal: null,
      annualTotal: 100_000 + n,
      currentYearAppropriation: 100_000 + n,
      carryOver: 0,
      otherFunds: 0,
    },
    overallGoal: null,
    annualGoal: '完成年度工作目标',
    indicators: [
      { level1: '成本指标', level2: '经济成本指标', name: `单位成本${n}`, target: '≤100(元/人)' },
      { level1: '产出指标', level2: '数量指标', name: `服务人次${n}`, target: `≥${n}(人次)` },
      { level1: '效益指标', level2: '社会效益指标', name: '服务满意', target: '有效' },
    ],
  };
}

export type People = ReturnType<typeof staff>;

interface Tracked {
  id: string;
  state: Declaration;
  version: number;
  people: People;
}

/** What a workload may be given instead of its defaults (the benchmark drafts real forms, as real people). */
export interface WorkloadOptions {
  staff?: (unitId: string, departmentId: string) => People;
  draft?: (n: number) => { content: DraftContent; origin: Origin };
}

/**
 * Drives real declarations through valid commands against an event store: `step(choice)` takes
 * one of the actions the workflow allows now (picked by `choice`), by the right person.
 */
export class Workload {
  readonly declarations: Tracked[] = [];
  private edits = 0;

  constructor(
    private readonly store: EventStore,
    private readonly options: WorkloadOptions = {},
  ) {}

  async draft(n: number, unitId = `unit-${n % 3}`, departmentId = `dept-${n % 2}`): Promise<string> {
    const id = randomUUID();
    const people = (this.options.staff ?? staff)(unitId, departmentId);
    const command: DeclarationCommand = {
      type: 'DraftDeclaration',
      declarationId: id,
      unitId,
      departmentId,
      ...(this.options.draft?.(n) ?? { content: content(n), origin: { kind: 'typed' } }),
    };
    const events = this.decide(command, null, people.preparer);
    await this.store.append(declarationStreamId(id), 'no_stream', events, {
      actorId: people.preparer.userId,
      role: 'preparer',
    });
    this.declarations.push({
      id,
      state: events.reduce<Declaration | null>(evolve, null)!,
      version: events.length,
      people,
    });
    return id;
  }

  /** One allowed action on declaration `which`; `choice` picks among what its state allows. */
  async step(which: number, choice: number): Promise<string> {
    const tracked = this.declarations[which % this.declarations.length]!;
    const status = tracked.state.workflow.status;
    const actions = actionsIn(status);
    if (actions.length === 0) return 'none';
    const action = actions[choice % actions.length]!;
    const [command, actor] = this.commandFor(tracked, action, choice);
    const events = this.decide(command, tracked.state, actor);
    if (events.length === 0) return 'none';
    await this.store.append(declarationStreamId(tracked.id), tracked.version, events, {
      actorId: actor.userId,
      role: actor.role,
    });
    tracked.state = events.reduce(evolve, tracked.state);
    tracked.version += events.length;
    return action;
  }

  private commandFor(t: Tracked, action: string, choice: number): [DeclarationCommand, Actor] {
    const reviewer = {
      departmental_review: t.people.reviewer,
      bureau_signoff: t.people.signer,
      finance_confirmation: t.people.finance,
    }[t.state.workflow.status as 'departmental_review'];
    switch (action) {
      case 'edit':
        this.edits += 1;
        return choice % 2 === 0
          ? [{ type: 'ReviseDeclaration', goals: { annualGoal: `目标 ${this.edits}` } }, t.people.preparer]
          : [
              {
                type: 'AddIndicator',
                indicator: {
                  level1: '满意度指标',
                  level2: '服务对象满意度指标',
                  name: `满意度${this.edits}`,
                  target: '≥90(%)',
                },
              },
              t.people.preparer,
            ];
      case 'submit':
        return [{ type: 'SubmitDeclaration', comment: null }, t.people.preparer];
      case 'withdraw':
        return [{ type: 'WithdrawSubmission', comment: null }, t.people.preparer];
      case 'approve':
        return [{ type: 'ApproveDeclaration', comment: '同意' }, reviewer];
      case 'return':
        return [{ type: 'ReturnDeclaration', reason: '请补充' }, reviewer];
      case 'reject':
        return [{ type: 'RejectDeclaration', reason: '不予通过' }, reviewer];
      default:
        return [{ type: 'OpenAmendment', reason: '调整' }, t.people.preparer];
    }
  }

  private decide(command: DeclarationCommand, state: Declaration | null, actor: Actor): DeclarationEvent[] {
    return decide(command, state, { actor, now: new Date(), newId: randomUUID }, DEFAULT_RULE_SET);
  }
}
