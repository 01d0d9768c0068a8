import type { Status } from '@app/declarations/domain';

// Every review stage is 审核中 to the unit: who holds it is on the inbox, not on paper.
const STATE_MARKS: Readonly<Record<Status, string | null>> = {
  draft: '草稿',
  departmental_review: '审核中',
  bureau_signoff: '审核中',
  finance_confirmation: '审核中',
  confirmed: null,
  rejected: '不予通过',
  discarded: '已作废',
};

/**
 * The mark a printout carries until the form is confirmed, so a draft is never taken for the
 * approved targets: 草稿, 审核中, 不予通过, 已作废; an amendment (revision n ≥ 2) is the (n−1)th 调整, the
 * way the bureau counts them: 第1次调整（草稿）. A confirmed form, amended or not, is the yardstick
 * and prints unmarked, as the official form does.
 */
export function formMarkOf(status: Status, revision: number): string | null {
  const state = STATE_MARKS[status];
  if (state === null) return null;
  return revision >= 2 ? `第${revision - 1}次调整（${state}）` : state;
}
