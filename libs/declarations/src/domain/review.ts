import { AppError, type FieldError } from '@app/platform/errors';
import type { ReviewInput } from './commands.js';
import type { Declaration, Opinion } from './declaration.js';
import type { Review } from './events.js';
import type { RuleSet } from './rules.js';

export const MAX_OPINION = 2000;

/**
 * The opinions and grade a reviewer adds to an approval, return or rejection, as the event records
 * them: each opinion on an indicator of the revision under review (at most one per row), the grade
 * only at departmental review and from the year's scale. Nothing given records nothing.
 */
export function reviewOf(input: ReviewInput, state: Declaration, rules: RuleSet): Review {
  const errors: FieldError[] = [];
  const ids = new Set(state.content.indicators.map((i) => i.id));
  const seen = new Set<string>();
  const opinions: Opinion[] = [];
  (input.opinions ?? []).forEach(({ indicatorId, opinion }, at) => {
    const text = opinion.trim();
    if (!ids.has(indicatorId)) {
      errors.push({
        path: `opinions[${at}].indicatorId`,
        code: 'INDICATOR_NOT_FOUND',
        message: '本版本申报表中没有这个指标',
      });
    } else if (seen.has(indicatorId)) {
      errors.push({ path: `opinions[${at}].indicatorId`, code: 'DUPLICATE', message: '同一指标只能有一条审核意见' });
    }
    seen.add(indicatorId);
    if (text === '') errors.push({ path: `opinions[${at}].opinion`, code: 'REQUIRED', message: '审核意见不能为空' });
    if ([...text].length > MAX_OPINION) {
      errors.push({ path: `opinions[${at}].opinion`, code: 'TOO_LONG', message: `审核意见最多 ${MAX_OPINION} 字` });
    }
    opinions.push({ indicatorId, opinion: text });
  });
  const grade = input.grade ?? null;
  if (grade !== null && state.workflow.status !== 'departmental_review') {
    errors.push({ path: 'grade', code: 'GRADE_NOT_AT_THIS_STAGE', message: '评审等级只在主管部门审核时给出' });
  } else if (grade !== null && !rules.grades.includes(grade)) {
    errors.push({ path: 'grade', code: 'GRADE_UNKNOWN', message: `评审等级为 ${rules.grades.join(' / ')} 之一` });
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The review has invalid fields', errors);
  return { ...(opinions.length > 0 ? { opinions } : {}), ...(grade !== null ? { grade } : {}) };
}
