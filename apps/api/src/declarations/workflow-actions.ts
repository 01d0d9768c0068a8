import type { Change } from '@app/declarations';
import { AppError } from '@app/platform';

export const WORKFLOW_ACTIONS = ['submit', 'withdraw', 'approve', 'return', 'reject', 'amend'] as const;
export type WorkflowActionName = (typeof WORKFLOW_ACTIONS)[number];

/** An action the workflow does not know is not a route: 404, like any unknown path. */
export const workflowAction = {
  transform: (value: string): WorkflowActionName => {
    if ((WORKFLOW_ACTIONS as readonly string[]).includes(value)) return value as WorkflowActionName;
    throw new AppError('NOT_FOUND');
  },
};

/** The body `{ "comment": "…" }` as the domain command of each action; the domain requires reasons. */
export function changeOf(name: WorkflowActionName, comment: string | null): Change {
  switch (name) {
    case 'submit':
      return { type: 'SubmitDeclaration', comment };
    case 'withdraw':
      return { type: 'WithdrawSubmission', comment };
    case 'approve':
      return { type: 'ApproveDeclaration', comment };
    case 'return':
      return { type: 'ReturnDeclaration', reason: comment ?? '' };
    case 'reject':
      return { type: 'RejectDeclaration', reason: comment ?? '' };
    case 'amend':
      return { type: 'OpenAmendment', reason: comment ?? '' };
  }
}
