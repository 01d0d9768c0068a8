import { describe, expect, it } from '@jest/globals';
import type { DeclarationEventType } from '@app/declarations';
import { declarationLink, workflowMessage, type WorkflowFacts } from './workflow-messages.js';
import { workflowNoticeKindOf } from './workflow-notices.js';

const facts = (overrides: Partial<WorkflowFacts> = {}): WorkflowFacts => ({
  id: 'd-1',
  projectName: '网络信息系统运行与维护',
  unitName: '上海市松江区人力资源和社会保障局（本级）',
  year: 2025,
  stage: 'departmental_review',
  actorName: '王芳',
  reason: null,
  dueAt: null,
  revision: 1,
  opinions: [],
  link: declarationLink('https://pta.example.org', 'd-1'),
  ...overrides,
});

describe('workflow notices, in the words of the bureau', () => {
  it('are called for by every stage entry and by returns, rejections, confirmations, withdrawals and amendments', () => {
    const kinds = (
      [
        'DeclarationDrafted',
        'FundsRevised',
        'DeclarationSubmitted',
        'DepartmentalReviewApproved',
        'BureauSignedOff',
        'DeclarationConfirmed',
        'DeclarationReturned',
        'DeclarationRejected',
        'SubmissionWithdrawn',
        'AmendmentOpened',
      ] as DeclarationEventType[]
    ).map((type) => [type, workflowNoticeKindOf(type)]);
    expect(Object.fromEntries(kinds)).toEqual({
      DeclarationDrafted: null,
      FundsRevised: null,
      DeclarationSubmitted: 'arrival',
      DepartmentalReviewApproved: 'arrival',
      BureauSignedOff: 'arrival',
      DeclarationConfirmed: 'confirmed',
      DeclarationReturned: 'returned',
      DeclarationRejected: 'rejected',
      SubmissionWithdrawn: 'withdrawn',
      AmendmentOpened: 'amendment-opened',
    });
  });

  it('say what arrived where, by whom, due when, with the link', () => {
    const message = workflowMessage('arrival', facts({ dueAt: '2025-10-14T16:00:00.000Z', actorName: '李娜' }));
    expect(message.title).toBe('【待办到达】网络信息系统运行与维护（主管部门审核）');
    expect(message.body).toBe(
      [
        '上海市松江区人力资源和社会保障局（本级）的“网络信息系统运行与维护”（2025年度绩效目标申报表）已进入主管部门审核阶段，等待您审核，请于2025年10月14日（周二）24:00前办理。',
        '提交人：李娜',
        '查看详情：https://pta.example.org/console/declarations/d-1',
        '申报表编号：d-1',
      ].join('\n'),
    );
  });

  it('give a return’s stage, who returned it, the reason and each row’s opinion by the indicator’s name', () => {
    const message = workflowMessage(
      'returned',
      facts({
        stage: 'bureau_signoff',
        reason: '请补充成本测算依据',
        opinions: [{ indicator: '人均运维成本', opinion: '测算口径不清' }],
      }),
    );
    expect(message.title).toBe('【已退回】网络信息系统运行与维护（局领导审签）');
    expect(message.body.split('\n')).toEqual([
      '上海市松江区人力资源和社会保障局（本级）的“网络信息系统运行与维护”（2025年度绩效目标申报表）在局领导审签阶段被王芳退回，已回到编制状态，请按意见修改后重新提交。',
      '退回原因：请补充成本测算依据',
      '审核意见：',
      '1. 三级指标“人均运维成本”：测算口径不清',
      '查看详情：https://pta.example.org/console/declarations/d-1',
      '申报表编号：d-1',
    ]);
  });

  it('name an amendment by its number, confirmed or opened', () => {
    const confirmed = workflowMessage('confirmed', facts({ stage: 'finance_confirmation', revision: 2 }));
    expect(confirmed.title).toBe('【已批复】网络信息系统运行与维护');
    expect(confirmed.body).toContain('的第1次调整已由王芳完成财政确认，绩效目标已批复。');
    const opened = workflowMessage('amendment-opened', facts({ stage: null, revision: 3, reason: '追加预算' }));
    expect(opened.title).toBe('【调整已发起】网络信息系统运行与维护');
    expect(opened.body).toContain('发起了第2次调整，当前阶段：编制');
    expect(opened.body).toContain('调整原因：追加预算');
  });

  it('leave out an empty reason', () => {
    const withdrawn = workflowMessage('withdrawn', facts({ reason: '  ' }));
    expect(withdrawn.body).not.toContain('撤回说明');
    expect(withdrawn.title).toBe('【已撤回】网络信息系统运行与维护（主管部门审核）');
  });
});
