import type { Actor } from '@app/identity/roles';
import type { Command, DecisionContext, DeclarationCommand, DraftContent } from './commands.js';
import type { Declaration } from './declaration.js';
import { decide } from './decide.js';
import type { DeclarationEvent } from './events.js';
import { fold } from './evolve.js';
import { DEFAULT_RULE_SET, type RuleSet } from './rules.js';

/** People of the approval path: unit A and B in department D, unit C in department E. */
export const people = {
  preparer: { userId: 'preparer-a', role: 'preparer', unitId: 'unit-a', departmentId: 'dept-d' },
  otherUnitPreparer: { userId: 'preparer-b', role: 'preparer', unitId: 'unit-b', departmentId: 'dept-d' },
  reviewer: { userId: 'reviewer-d', role: 'department_reviewer', unitId: null, departmentId: 'dept-d' },
  otherDepartmentReviewer: { userId: 'reviewer-e', role: 'department_reviewer', unitId: null, departmentId: 'dept-e' },
  signer: { userId: 'signer-d', role: 'bureau_signer', unitId: null, departmentId: 'dept-d' },
  otherDepartmentSigner: { userId: 'signer-e', role: 'bureau_signer', unitId: null, departmentId: 'dept-e' },
  finance: { userId: 'finance-1', role: 'finance_officer', unitId: null, departmentId: null },
  auditor: { userId: 'auditor-1', role: 'auditor', unitId: null, departmentId: null },
  admin: { userId: 'admin-1', role: 'admin', unitId: null, departmentId: null },
} satisfies Record<string, Actor>;

/** A declaration that passes every default check (adapted from the 2025 form 网络信息系统运行与维护). */
export function soundContent(): DraftContent {
  return {
    year: 2025,
    projectName: '网络信息系统运行与维护',
    nature: '其他经常性项目',
    category: '其他运转类',
    plannedStart: '2025-01-01',
    plannedEnd: '2025-12-31',
    funds: {
      projectTotal: null,
      annualTotal: 38141984,
      currentYearAppropriation: 38141984,
      carryOver: 0,
      otherFunds: 0,
    },
    overallGoal: null,
    annualGoal: '系统正常运行，满足使用者相关需要。',
    indicators: [
      { level1: '成本指标', level2: '经济成本指标', name: '人均运维成本', target: '≤116.00(元/人/年)' },
      { level1: '产出指标', level2: '数量指标', name: '巡检次数', target: '≥4(次)' },
      { level1: '产出指标', level2: '质量指标', name: '运维故障发生次数', target: '=0.00(次)' },
      { level1: '产出指标', level2: '时效指标', name: '运维完成及时', target: '及时' },
      { level1: '效益指标', level2: '社会效益指标', name: '辅助日常业务办理', target: '有效' },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '使用者满意度', target: '≥85.00(%)' },
    ],
  };
}

export const T0 = new Date('2025-03-03T09:00:00+08:00');

/** Decides with a deterministic clock and ids; returns the events or throws the AppError. */
export function when(
  history: readonly DeclarationEvent[],
  command: DeclarationCommand,
  actor: Actor,
  rules: RuleSet = DEFAULT_RULE_SET,
): DeclarationEvent[] {
  let n = 0;
  const context: DecisionContext = { actor, now: T0, newId: () => `new-${++n}` };
  return decide(command, fold(history), context, rules);
}

export function stateAfter(history: readonly DeclarationEvent[]): Declaration {
  const state = fold(history);
  if (!state) throw new Error('empty history');
  return state;
}

/** Builds a history by running commands through the decider, so fixtures stay honest. */
export function history(...steps: [DeclarationCommand, Actor][]): DeclarationEvent[] {
  const events: DeclarationEvent[] = [];
  for (const [command, actor] of steps) events.push(...when(events, command, actor));
  return events;
}

export const draftCommand = (content: DraftContent = soundContent()): Command<'DraftDeclaration'> => ({
  type: 'DraftDeclaration',
  declarationId: 'decl-1',
  unitId: 'unit-a',
  departmentId: 'dept-d',
  content,
  origin: { kind: 'typed' },
});

export const submit: DeclarationCommand = { type: 'SubmitDeclaration', comment: null };
export const approve: DeclarationCommand = { type: 'ApproveDeclaration', comment: '同意' };

/** Histories that end in each status, by the people who would really act. */
export const histories = {
  draft: () => history([draftCommand(), people.preparer]),
  departmental_review: () => history([draftCommand(), people.preparer], [submit, people.preparer]),
  bureau_signoff: () => [
    ...histories.departmental_review(),
    ...when(histories.departmental_review(), approve, people.reviewer),
  ],
  finance_confirmation: () => [
    ...histories.bureau_signoff(),
    ...when(histories.bureau_signoff(), approve, people.signer),
  ],
  confirmed: () => [
    ...histories.finance_confirmation(),
    ...when(histories.finance_confirmation(), approve, people.finance),
  ],
  rejected: () => [
    ...histories.departmental_review(),
    ...when(histories.departmental_review(), { type: 'RejectDeclaration', reason: '不符合立项要求' }, people.reviewer),
  ],
  discarded: () =>
    history([draftCommand(), people.preparer], [{ type: 'DiscardDeclaration', reason: '重复导入' }, people.preparer]),
};
