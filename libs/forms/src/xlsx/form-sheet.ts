import type { Funds } from '../parsed-form.js';

/** One row of the indicator table as the form prints it. */
export interface FormSheetIndicator {
  level1: string;
  level2: string;
  name: string;
  target: string | null;
  /** The reviewers' 审核意见 on the row, printed only in the OPINION_COLUMN. */
  opinion?: string | null;
}

/**
 * What the official layout shows of one declaration: a ParsedForm without what reading adds (index,
 * findings, parsed targets), so a ParsedForm can be written as it is.
 */
export interface FormSheet {
  year: number;
  projectName: string;
  nature: string;
  category: string | null;
  department: string;
  implementingUnit: string;
  /** YYYY-MM-DD, or '' when there is none. */
  plannedStart: string;
  plannedEnd: string;
  /** Integer fen; null leaves the cell empty. */
  funds: Funds;
  overallGoal: string | null;
  annualGoal: string | null;
  indicators: readonly FormSheetIndicator[];
  /**
   * What the form is not yet (草稿, 审核中, 第1次调整（草稿）…: formMarkOf), printed beside the year;
   * absent or null on a confirmed form, which prints as the official one.
   */
  mark?: string | null;
}

export const FORM_TITLE = '财政项目支出绩效目标申报表';
