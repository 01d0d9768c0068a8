import type { Status } from '../api/client';

/** The budget years the filters offer. */
export const BUDGET_YEARS = [2025, 2026, 2027];

export const STATE_LABEL: Record<Status, string> = {
  draft: '草稿',
  departmental_review: '主管部门审核',
  bureau_signoff: '局领导审签',
  finance_confirmation: '财政确认',
  confirmed: '已批复',
  rejected: '不予通过',
  discarded: '已作废',
};

export const STATE_COLOR: Record<Status, string> = {
  draft: 'default',
  departmental_review: 'processing',
  bureau_signoff: 'processing',
  finance_confirmation: 'processing',
  confirmed: 'success',
  rejected: 'error',
  discarded: 'default',
};

export const ROLE_LABEL: Record<string, string> = {
  preparer: '填报人',
  department_reviewer: '主管部门审核',
  bureau_signer: '局领导审签',
  finance_officer: '财政确认',
  auditor: '审计',
  admin: '管理员',
  budget_officer: '预算科',
};

export const EVENT_LABEL: Record<string, string> = {
  DeclarationDrafted: '起草',
  BasicInformationRevised: '修改基本信息',
  FundsRevised: '修改资金',
  GoalsRevised: '修改目标',
  IndicatorAdded: '添加指标',
  IndicatorRevised: '修改指标',
  IndicatorRemoved: '删除指标',
  DeclarationSubmitted: '送审',
  SubmissionWithdrawn: '撤回',
  DepartmentalReviewApproved: '主管部门审核通过',
  BureauSignedOff: '局领导审签通过',
  DeclarationConfirmed: '财政确认（已批复）',
  DeclarationReturned: '退回',
  DeclarationRejected: '驳回（不予通过）',
  AmendmentOpened: '发起调整',
  DeclarationDiscarded: '作废',
  NoticeSent: '发送通知',
  NoticeDelivered: '通知已送达',
  NoticeDeliveryFailed: '通知投递失败',
  NoticeRead: '通知已读',
  NoticeDeliveryRetried: '通知重新投递',
};

/** The indicator taxonomy (一级 → 二级), in the order the printed form lists it. */
export const TAXONOMY: Record<string, string[]> = {
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
  产出指标: ['数量指标', '质量指标', '时效指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

/** 评审等级 of departmental review (the year's scale may differ; the server checks it). */
export const GRADES = ['优', '良', '中', '差'];

export const STAGE_LABEL: Record<string, string> = {
  departmental_review: '主管部门审核',
  bureau_signoff: '局领导审签',
  finance_confirmation: '财政确认',
};

export const STAGE_STATES: Status[] = ['departmental_review', 'bureau_signoff', 'finance_confirmation'];

/** What each finding of /audit/verify means, for the auditor reading it. */
export const FINDING_LABEL: Record<string, string> = {
  hash_mismatch: '内容与哈希不符（被改动）',
  previous_hash_mismatch: '与前一事件的链接断开',
  version_gap: '版本缺失（事件被删除）',
  unsigned: '没有签名证明（未经本系统写入）',
  bad_signature: '签名证明不符（被改动或伪造）',
  unknown_key: '签名密钥未知',
  malformed: '不是有效的检查点',
  conflicting: '同一规模有两个不同的已签检查点（记录分叉）',
  log_shorter: '记录比检查点覆盖的少（事件被删除）',
  root_mismatch: '记录与已签根哈希不符（事件被改动、删除、插入或调换顺序）',
  event_missing: '事件缺失',
  event_changed: '事件被改动',
  event_moved: '事件位置被调换',
  event_inserted: '事件被插入',
};
