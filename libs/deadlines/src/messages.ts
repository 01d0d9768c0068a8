import { localDateOf } from '@app/calendar';
import { STAGES, type Stage } from '@app/declarations';
import { render, say } from '@app/platform';
import type { DeadlineKind } from './plan.js';

/** Notices are Chinese: each stage as the message catalogue names it. */
export const STAGE_NAME = Object.fromEntries(
  STAGES.map((stage) => [stage, render(say(`stage.${stage}`), 'zh')]),
) as Record<Stage, string>;

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

/** `2025年10月14日（周二）24:00`: a deadline is the end of its day, as the Civil Code counts (第二百零三条). */
export function formatDue(iso: string): string {
  const instant = Date.parse(iso);
  const atMidnight = localDateOf(new Date(instant)) !== localDateOf(new Date(instant - 1));
  const day = localDateOf(new Date(atMidnight ? instant - 1 : instant));
  const clock = atMidnight ? '24:00' : new Date(instant + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${formatDay(day)}${clock}`;
}

/** `2025年10月31日（周五）` */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日（周${WEEKDAY[new Date(`${date}T00:00:00Z`).getUTCDay()]}）`;
}

export interface DeclarationFacts {
  id: string;
  projectName: string;
  unitName: string;
  year: number;
  stage: Stage;
  dueAt: string;
  /** Where to open it (`<PUBLIC_URL>/console/declarations/<id>`). */
  link?: string;
}

export interface Message {
  title: string;
  body: string;
}

const TITLE: Record<DeadlineKind, string> = { reminder: '即将到期', overdue: '已逾期', escalation: '逾期督办' };

/** A stage's reminder, overdue notice or escalation, in the words of the bureau. */
export function deadlineMessage(kind: DeadlineKind, facts: DeclarationFacts): Message {
  const what = `${facts.unitName}的“${facts.projectName}”（${facts.year}年度绩效目标申报表）`;
  const stage = STAGE_NAME[facts.stage];
  const due = formatDue(facts.dueAt);
  const body = {
    reminder: `${what}正处于${stage}阶段，将于${due}到期，请及时办理。`,
    overdue: `${what}的${stage}已于${due}到期，尚未办理，请尽快处理。`,
    escalation: `${what}的${stage}已于${due}到期，逾期仍未办理，现提请督办。`,
  }[kind];
  const link = facts.link ? `\n查看详情：${facts.link}` : '';
  return {
    title: `【${TITLE[kind]}】${facts.projectName}（${stage}）`,
    body: `${body}${link}\n申报表编号：${facts.id}`,
  };
}

/** To a unit's preparers: what they have not submitted as the cycle's deadline nears. */
export function submissionDueMessage(
  unitName: string,
  budgetYear: number,
  deadline: string,
  projects: readonly string[],
): Message {
  const list = projects.map((name, i) => `${i + 1}. ${name}`).join('\n');
  return {
    title: `【申报截止提醒】${budgetYear}年度绩效目标申报将于${formatDay(deadline)}截止`,
    body: `${unitName}尚有${projects.length}个项目的绩效目标申报表未提交：\n${list}\n请于${formatDay(deadline)}24:00前完成提交。`,
  };
}

/** To a reviewer: everything overdue that waits for them. */
export function overdueDigestMessage(items: readonly Omit<DeclarationFacts, 'id' | 'year'>[]): Message {
  const list = items
    .map((f, i) => `${i + 1}. ${f.projectName}（${f.unitName}，${STAGE_NAME[f.stage]}，${formatDue(f.dueAt)}到期）`)
    .join('\n');
  return {
    title: `【逾期待办汇总】您有${items.length}项审核已逾期`,
    body: `以下申报表已超过办理时限，请尽快处理：\n${list}`,
  };
}

/** To admins and the budget office: calendar years whose holidays nobody has entered yet. */
export function holidaysMissingMessage(years: readonly number[]): Message {
  const list = years.map((year) => `${year}年`).join('、');
  return {
    title: `【节假日未录入】${list}的节假日安排尚未录入`,
    body:
      `${list}的法定节假日和调休安排尚未录入，该年度的审核时限暂按周一至周五计算，可能早于实际到期日。` +
      `请在国务院办公厅节假日安排通知发布后及时录入（PUT /admin/calendars/<年份>，或 npm run cli -- season calendar <年份> <文件>）。`,
  };
}
