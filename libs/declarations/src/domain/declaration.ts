import type { Words } from '@app/platform/messages';
import type { Fen } from './money.js';

/** The review stages, in the order a declaration passes them. */
export const STAGES = ['departmental_review', 'bureau_signoff', 'finance_confirmation'] as const;
export type Stage = (typeof STAGES)[number];
export type Status = 'draft' | Stage | 'confirmed' | 'rejected' | 'discarded';

export interface Funds {
  projectTotal: Fen | null;
  annualTotal: Fen | null;
  currentYearAppropriation: Fen | null;
  carryOver: Fen | null;
  otherFunds: Fen | null;
}
export const FUND_FIELDS = [
  'projectTotal',
  'annualTotal',
  'currentYearAppropriation',
  'carryOver',
  'otherFunds',
] as const;

export interface BasicInformation {
  year: number;
  projectName: string;
  nature: string;
  category: string | null;
  plannedStart: string | null; // YYYY-MM-DD
  plannedEnd: string | null;
}
export const BASIC_FIELDS = ['year', 'projectName', 'nature', 'category', 'plannedStart', 'plannedEnd'] as const;

export interface Goals {
  overallGoal: string | null;
  annualGoal: string | null;
}
export const GOAL_FIELDS = ['overallGoal', 'annualGoal'] as const;

export interface Indicator {
  id: string;
  level1: string;
  level2: string;
  name: string;
  /** As written; may be null only when a printed form left the cell empty. */
  target: string | null;
}
export type IndicatorFields = Omit<Indicator, 'id'>;
export const INDICATOR_FIELDS = ['level1', 'level2', 'name', 'target'] as const;

/** Everything on the form. */
export interface DeclarationContent extends BasicInformation, Goals {
  funds: Funds;
  indicators: Indicator[];
}

/** Where a declaration came from: typed in, or imported from a printed form. */
export type Origin =
  | { kind: 'typed' }
  | {
      kind: 'import';
      fileSha256: string;
      formIndex: number;
      /** What the reader saw of the printed layout (not the year's checks, which run anew). */
      findings?: Finding[];
    };

export interface Finding {
  code: string;
  severity: 'blocking' | 'warning';
  /**
   * A catalogue key and parameters, rendered in the reader's language when answered; plain Chinese
   * text in events recorded before findings were kept so (shown as recorded, in every language).
   */
  message: Words;
  path: string;
  /** The indicator row it is about, when it is about one: edits address rows by id. */
  indicatorId?: string;
}

/** The workflow part of the state: each status carries only what means something in it. */
export type Workflow =
  | { status: 'draft'; lastReturn: { stage: Stage; reason: string; by: string; at: string } | null }
  | {
      status: Stage;
      submittedBy: string;
      submittedAt: string;
      enteredAt: string;
      dueAt: string | null;
      warnings: Finding[];
    }
  | { status: 'confirmed'; confirmedBy: string; confirmedAt: string }
  | { status: 'rejected'; stage: Stage; reason: string; rejectedBy: string; rejectedAt: string }
  | { status: 'discarded'; reason: string; discardedBy: string; discardedAt: string };

/** The grades of departmental review (评审等级) unless a year's rule set names others. */
export const DEFAULT_GRADES = ['优', '良', '中', '差'] as const;

/** A reviewer's 审核意见 on one indicator row. */
export interface Opinion {
  indicatorId: string;
  opinion: string;
}

/**
 * What a reviewer wrote with an approval, return or rejection besides the comment: opinions per
 * indicator and, at departmental review, a grade. Kept for every revision, so the opinions on
 * the revision in force can be shown whichever revision that is.
 */
export interface ReviewNote {
  revision: number;
  stage: Stage;
  action: 'approve' | 'return' | 'reject';
  by: string;
  at: string;
  grade: string | null;
  opinions: Opinion[];
}

/** A revision that is over: confirmed (the yardstick) or rejected; kept for the record. */
export interface ClosedRevision {
  revision: number;
  outcome: 'confirmed' | 'rejected';
  content: DeclarationContent;
  by: string;
  at: string;
}

export interface Declaration {
  id: string;
  unitId: string;
  departmentId: string;
  origin: Origin;
  /** The reader's findings still standing: each goes once the field or row it concerns is edited. */
  layoutFindings: Finding[];
  createdBy: string;
  createdAt: string;
  /** The revision being worked on (or the confirmed one when none is open). */
  revision: number;
  highestRevision: number;
  content: DeclarationContent;
  workflow: Workflow;
  /** Who acted at which stage in the current revision: no one acts at two stages. */
  stageActors: Record<string, Stage[]>;
  /**
   * Who wrote any of the content the current revision carries (drafted it, or edited it in this
   * revision or an earlier one): none of them reviews it, whatever their role is by then.
   */
  authors: string[];
  /** Who submitted any submission of the current revision (a withdrawn or returned one too). */
  submitters: string[];
  closedRevisions: ClosedRevision[];
  /** Once submitted, a declaration can no longer be discarded (作废). */
  everSubmitted: boolean;
  /** Reviewers' opinions and grades, every revision's, oldest first (only notes that hold some). */
  reviewNotes: ReviewNote[];
}
