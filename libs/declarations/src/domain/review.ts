import { AppError, type FieldError } from '@app/platform/errors';
import { say } from '@app/platform/messages';
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
        message: say('field.opinionIndicatorUnknown'),
      });
    } else if (seen.has(indicatorId)) {
      errors.push({ path: `opinions[${at}].indicatorId`, code: 'DUPLICATE', message: say('field.opinionDuplicate') });
    }
    seen.add(indicatorId);
    if (text === '')
      errors.push({ path: `opinions[${at}].opinion`, code: 'REQUIRED', message: say('field.opinionBlank') });
    if ([...text].length > MAX_OPINION) {
      errors.push({
        path: `opinions[${at}].opinion`,
        code: 'TOO_LONG',
        message: say('field.opinionTooLong', { maximum: MAX_OPINION }),
      });
    }
    opinions.push({ indicatorId, opinion: text });
  });
  const grade = input.grade ?? null;
  if (grade !== null && state.workflow.status !== 'departmental_review') {
    errors.push({ path: 'grade', code: 'GRADE_NOT_AT_THIS_STAGE', message: say('field.gradeNotAtStage') });
  } else if (grade !== null && !rules.grades.includes(grade)) {
    errors.push({
      path: 'grade',
      code: 'GRADE_UNKNOWN',
      message: say('field.gradeUnknown', { grades: rules.grades.join(' / ') }),
    });
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', say('review.invalidFields'), errors);
  return { ...(opinions.length > 0 ? { opinions } : {}), ...(grade !== null ? { grade } : {}) };
}
