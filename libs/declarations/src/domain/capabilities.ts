import type { Role } from '@app/identity/roles';
import type { DeclarationCommandType } from './commands.js';

/**
 * What each role may ever ask for, whatever the state: checked before the workflow so an
 * auditor's write is a plain 403, not a question of state.
 */
export const CAPABILITIES: Readonly<Record<Role, readonly DeclarationCommandType[]>> = {
  preparer: [
    'DraftDeclaration',
    'ReviseDeclaration',
    'AddIndicator',
    'ReviseIndicator',
    'RemoveIndicator',
    'SubmitDeclaration',
    'WithdrawSubmission',
    'OpenAmendment',
    'DiscardDeclaration',
  ],
  department_reviewer: ['ApproveDeclaration', 'ReturnDeclaration', 'RejectDeclaration'],
  bureau_signer: ['ApproveDeclaration', 'ReturnDeclaration', 'RejectDeclaration'],
  finance_officer: ['ApproveDeclaration', 'ReturnDeclaration', 'RejectDeclaration'],
  auditor: [],
  budget_officer: [],
  admin: [
    'DraftDeclaration',
    'ReviseDeclaration',
    'AddIndicator',
    'ReviseIndicator',
    'RemoveIndicator',
    'DiscardDeclaration',
  ],
};
