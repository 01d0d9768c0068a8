import type { Actor } from '@app/identity/roles';
import type {
  BasicInformation,
  DeclarationContent,
  Funds,
  Goals,
  IndicatorFields,
  Opinion,
  Origin,
  Stage,
} from './declaration.js';

/** The content of a new declaration; indicators get their ids when drafted. */
export type DraftContent = Omit<DeclarationContent, 'indicators'> & { indicators: IndicatorFields[] };

export type DeclarationCommand =
  | {
      type: 'DraftDeclaration';
      declarationId: string;
      unitId: string;
      departmentId: string;
      content: DraftContent;
      origin: Origin;
    }
  | { type: 'ReviseDeclaration'; basic?: Partial<BasicInformation>; funds?: Partial<Funds>; goals?: Partial<Goals> }
  | { type: 'AddIndicator'; indicator: IndicatorFields }
  | { type: 'ReviseIndicator'; indicatorId: string; changes: Partial<IndicatorFields> }
  | { type: 'RemoveIndicator'; indicatorId: string }
  | { type: 'SubmitDeclaration'; comment: string | null }
  | { type: 'WithdrawSubmission'; comment: string | null }
  | ({ type: 'ApproveDeclaration'; comment: string | null } & ReviewInput)
  | ({ type: 'ReturnDeclaration'; reason: string } & ReviewInput)
  | ({ type: 'RejectDeclaration'; reason: string } & ReviewInput)
  | { type: 'OpenAmendment'; reason: string }
  | { type: 'DiscardDeclaration'; reason: string };

/** What a reviewer may add to an approval, return or rejection: 审核意见 per row, a grade. */
export interface ReviewInput {
  opinions?: Opinion[];
  grade?: string | null;
}

export type DeclarationCommandType = DeclarationCommand['type'];
export type Command<T extends DeclarationCommandType> = Extract<DeclarationCommand, { type: T }>;

/** What a decision needs from outside: who, when, new ids, and (optionally) the budget calendar. */
export interface DecisionContext {
  actor: Actor;
  now: Date;
  newId: () => string;
  /** When a stage entered now is due, by the year's calendar; null when there is no time limit. */
  dueAt?: (stage: Stage, enteredAt: Date, year: number) => Date | null;
}
