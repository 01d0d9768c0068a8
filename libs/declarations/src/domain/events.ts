import type {
  BasicInformation,
  DeclarationContent,
  Finding,
  Funds,
  Goals,
  Indicator,
  IndicatorFields,
  Opinion,
  Origin,
  Stage,
} from './declaration.js';

/** A field's value before and after a revision, so history can show what changed. */
export interface Change<T> {
  before: T;
  after: T;
}
export type Changes<T> = { [K in keyof T]?: Change<T[K]> };

/**
 * Every event says who (`by`, a user id) and when (`at`, ISO time from the injected clock). An
 * event that puts the declaration in a review stage also records when that stage is due
 * (`dueAt`, by the calendar then in force), so the deadline is part of the record.
 */
interface Stamp {
  by: string;
  at: string;
}

/**
 * A reviewer's opinions per indicator and, at departmental review, the grade; each present only
 * when given, so an approval without them records what it always did.
 */
export interface Review {
  opinions?: Opinion[];
  grade?: string;
}

export type DeclarationEvent =
  | {
      type: 'DeclarationDrafted';
      data: Stamp & {
        declarationId: string;
        unitId: string;
        departmentId: string;
        origin: Origin;
        content: DeclarationContent;
      };
    }
  | { type: 'BasicInformationRevised'; data: Stamp & { changes: Changes<BasicInformation> } }
  | { type: 'FundsRevised'; data: Stamp & { changes: Changes<Funds> } }
  | { type: 'GoalsRevised'; data: Stamp & { changes: Changes<Goals> } }
  | { type: 'IndicatorAdded'; data: Stamp & { indicator: Indicator; position: number } }
  | { type: 'IndicatorRevised'; data: Stamp & { indicatorId: string; changes: Changes<IndicatorFields> } }
  | { type: 'IndicatorRemoved'; data: Stamp & { indicatorId: string; removed: Indicator } }
  | {
      type: 'DeclarationSubmitted';
      data: Stamp & { revision: number; comment: string | null; warnings: Finding[]; dueAt?: string | null };
    }
  | { type: 'SubmissionWithdrawn'; data: Stamp & { comment: string | null } }
  | { type: 'DepartmentalReviewApproved'; data: Stamp & Review & { comment: string | null; dueAt?: string | null } }
  | { type: 'BureauSignedOff'; data: Stamp & Review & { comment: string | null; dueAt?: string | null } }
  | { type: 'DeclarationConfirmed'; data: Stamp & Review & { revision: number; comment: string | null } }
  | { type: 'DeclarationReturned'; data: Stamp & Review & { stage: Stage; reason: string } }
  | { type: 'DeclarationRejected'; data: Stamp & Review & { stage: Stage; revision: number; reason: string } }
  | { type: 'AmendmentOpened'; data: Stamp & { revision: number; reason: string } }
  | { type: 'DeclarationDiscarded'; data: Stamp & { reason: string } };

export type DeclarationEventType = DeclarationEvent['type'];

export const DECLARATION_EVENT_TYPES: readonly DeclarationEventType[] = [
  'DeclarationDrafted',
  'BasicInformationRevised',
  'FundsRevised',
  'GoalsRevised',
  'IndicatorAdded',
  'IndicatorRevised',
  'IndicatorRemoved',
  'DeclarationSubmitted',
  'SubmissionWithdrawn',
  'DepartmentalReviewApproved',
  'BureauSignedOff',
  'DeclarationConfirmed',
  'DeclarationReturned',
  'DeclarationRejected',
  'AmendmentOpened',
  'DeclarationDiscarded',
];
