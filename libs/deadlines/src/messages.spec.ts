import { describe, expect, it } from '@jest/globals';
import { deadlineMessage, formatDue, overdueDigestMessage, submissionDueMessage } from './messages.js';

const facts = {
  id: 'd-1',
  projectName: '网络信息系统运行与维护',
  unitName: '上海市松江区人力资源和社会保障局（本级）',
  year: 2025,
  stage: 'departmental_review' as const,
  dueAt: '2025-10-14T16:00:00.000Z',
};

describe('notices in the bureau’s words', () => {
  it('write a due time as the end of its day', () => {
    expect(formatDue('2025-10-14T16:00:00.000Z')).toBe('2025年10月14日（周二）24:00');
    expect(formatDue('2025-10-14T09:30:00.000Z')).toBe('2025年10月14日（周二）17:30');
  });

  it('name the project, the unit, the stage and the due date', () => {
    expect(deadlineMessage('reminder', facts)).toEqual({
      title: '【即将到期】网络信息系统运行与维护（主管部门审核）',
      body:
        '上海市松江区人力资源和社会保障局（本级）的“网络信息系统运行与维护”（2025年度绩效目标申报表）正处于主管部门审核阶段，' +
        '将于2025年10月14日（周二）24:00到期，请及时办理。\n申报表编号：d-1',
    });
    expect(deadlineMessage('overdue', facts).title).toBe('【已逾期】网络信息系统运行与维护（主管部门审核）');
    expect(deadlineMessage('escalation', facts).body).toContain('逾期仍未办理，现提请督办');
  });

  it('list what a unit has not submitted, and what is overdue for a reviewer', () => {
    const due = submissionDueMessage('上海市松江区就业促进中心', 2026, '2025-10-31', ['就业援助', '创业培训']);
    expect(due.title).toBe('【申报截止提醒】2026年度绩效目标申报将于2025年10月31日（周五）截止');
    expect(due.body).toContain('尚有2个项目的绩效目标申报表未提交：\n1. 就业援助\n2. 创业培训');
    const digest = overdueDigestMessage([facts]);
    expect(digest.title).toBe('【逾期待办汇总】您有1项审核已逾期');
    expect(digest.body).toContain(
      '1. 网络信息系统运行与维护（上海市松江区人力资源和社会保障局（本级），主管部门审核，',
    );
  });
});
