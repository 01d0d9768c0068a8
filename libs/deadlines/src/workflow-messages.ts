import type { Stage } from '@app/declarations';
import { formatDue, STAGE_NAME, type Message } from './messages.js';

/** The notices the workflow's own steps send (the deadline ones are in messages.ts). */
export const WORKFLOW_NOTICE_KINDS = [
  'arrival', // 待办到达
  'returned', // 已退回
  'rejected', // 已驳回
  'confirmed', // 已批复
  'withdrawn', // 已撤回
  'amendment-opened', // 调整已发起
] as const;
export type WorkflowNoticeKind = (typeof WORKFLOW_NOTICE_KINDS)[number];

export interface WorkflowFacts {
  id: string;
  projectName: string;
  unitName: string;
  year: number;
  /** The stage it concerns: entered, returned or rejected at, withdrawn from; null for an amendment (编制). */
  stage: Stage | null;
  /** Who did it, by name. */
  actorName: string;
  /** The reason of a return, rejection or amendment; a withdrawal's comment. */
  reason: string | null;
  dueAt: string | null;
  revision: number;
  /** Reviewers' opinions per indicator row, when the event carries them. */
  opinions: readonly { indicator: string; opinion: string }[];
  link: string;
}

/** `<PUBLIC_URL>/console/declarations/<id>`: the console's page of the declaration. */
export const declarationLink = (publicUrl: string, declarationId: string): string =>
  `${publicUrl}/console/declarations/${declarationId}`;

const TITLE: Record<WorkflowNoticeKind, string> = {
  arrival: '待办到达',
  returned: '已退回',
  rejected: '已驳回',
  confirmed: '已批复',
  withdrawn: '已撤回',
  'amendment-opened': '调整已发起',
};

/** The stage in words; an amendment reopens the form for editing (编制). */
export const stageWords = (stage: Stage | null): string => (stage ? STAGE_NAME[stage] : '编制');

/** A workflow notice in the words of the bureau, with the link to open it. */
export function workflowMessage(kind: WorkflowNoticeKind, f: WorkflowFacts): Message {
  const what = `${f.unitName}的“${f.projectName}”（${f.year}年度绩效目标申报表）`;
  const stage = stageWords(f.stage);
  const amendment = f.revision > 1 ? `第${f.revision - 1}次调整` : '';
  const lines: string[] = [bodyOf(kind, f, what, stage, amendment)];
  const reason = f.reason?.trim();
  if (reason) lines.push(`${REASON_LABEL[kind]}：${reason}`);
  if (f.opinions.length > 0) {
    lines.push('审核意见：', ...f.opinions.map((o, i) => `${i + 1}. 三级指标“${o.indicator}”：${o.opinion}`));
  }
  lines.push(`查看详情：${f.link}`, `申报表编号：${f.id}`);
  const where = kind === 'confirmed' || kind === 'amendment-opened' ? '' : `（${stage}）`;
  return { title: `【${TITLE[kind]}】${f.projectName}${where}`, body: lines.join('\n') };
}

const REASON_LABEL: Record<WorkflowNoticeKind, string> = {
  arrival: '说明',
  returned: '退回原因',
  rejected: '驳回原因',
  confirmed: '意见',
  withdrawn: '撤回说明',
  'amendment-opened': '调整原因',
};

function bodyOf(kind: WorkflowNoticeKind, f: WorkflowFacts, what: string, stage: string, amendment: string): string {
  switch (kind) {
    case 'arrival': {
      const due = f.dueAt ? `，请于${formatDue(f.dueAt)}前办理` : '，请及时办理';
      const from = f.stage === 'departmental_review' ? `提交人：${f.actorName}` : `上一环节经办人：${f.actorName}`;
      return `${what}${amendment ? `（${amendment}）` : ''}已进入${stage}阶段，等待您审核${due}。\n${from}`;
    }
    case 'returned':
      return `${what}在${stage}阶段被${f.actorName}退回，已回到编制状态，请按意见修改后重新提交。`;
    case 'rejected':
      return `${what}${amendment ? `的${amendment}` : ''}在${stage}阶段被${f.actorName}驳回，本次申报不予通过。`;
    case 'confirmed':
      return `${what}${amendment ? `的${amendment}` : ''}已由${f.actorName}完成财政确认，绩效目标已批复。`;
    case 'withdrawn':
      return `${what}已由${f.actorName}在${stage}阶段撤回，无需您继续审核。`;
    case 'amendment-opened':
      return `${f.actorName}对${what}发起了${amendment || '绩效目标调整'}，当前阶段：编制；调整后将重新提交审核，已批复的版本在调整批复前仍然有效。`;
  }
}
