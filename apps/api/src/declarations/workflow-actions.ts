import type { Change } from '@app/declarations';
import { AppError, say } from '@app/platform';
import type { ActionBody } from './declaration.schemas.js';

export const WORKFLOW_ACTIONS = ['submit', 'withdraw', 'approve', 'return', 'reject', 'amend', 'discard'] as const;
export type WorkflowActionName = (typeof WORKFLOW_ACTIONS)[number];

/** An action the workflow does not know is not a route: 404, like any unknown path. */
export const workflowAction = {
  transform: (value: string): WorkflowActionName => {
    if ((WORKFLOW_ACTIONS as readonly string[]).includes(value)) return value as WorkflowActionName;
    throw new AppError('NOT_FOUND');
  },
};

const REVIEWS: readonly WorkflowActionName[] = ['approve', 'return', 'reject'];

/**
 * The body `{ "comment": "…" }` as the domain command of each action; the domain requires reasons.
 * Opinions and a grade belong to a reviewer's approve, return or reject only.
 */
export function changeOf(name: WorkflowActionName, body: ActionBody): Change {
  const comment = body.comment ?? null;
  if (!REVIEWS.includes(name)) {
    const stray = (['opinions', 'grade'] as const).filter((field) => body[field] !== undefined && body[field] !== null);
    if (stray.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        say('review.onlyReviews'),
        stray.map((path) => ({
          path,
          code: 'NOT_ALLOWED',
          message: say('review.onlyReviews'),
        })),
      );
    }
  }
  const review = { opinions: body.opinions, grade: body.grade ?? null };
  switch (name) {
    case 'submit':
      return { type: 'SubmitDeclaration', comment };
    case 'withdraw':
      return { type: 'WithdrawSubmission', comment };
    case 'approve':
      return { type: 'ApproveDeclaration', comment, ...review };
    case 'return':
      return { type: 'ReturnDeclaration', reason: comment ?? '', ...review };
    case 'reject':
      return { type: 'RejectDeclaration', reason: comment ?? '', ...review };
    case 'amend':
      return { type: 'OpenAmendment', reason: comment ?? '' };
    case 'discard':
      return { type: 'DiscardDeclaration', reason: comment ?? '' };
  }
}
