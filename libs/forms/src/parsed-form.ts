import type { Comparator } from '@app/declarations/domain';
import type { Text } from '@app/platform/messages';

/** What a reviewer should look at in an imported form: blocking ones must be fixed before submitting. */
export type FindingSeverity = 'blocking' | 'warning';

/**
 * What only the reader sees: the printed layout (labels, columns, merged and wrapped cells) and
 * cells that cannot be read as what they should hold. Whether the content is sound is the domain's
 * pre-review checks' to say (runChecks with the year's rule set), never re-judged here.
 */
export const FINDING_CODES = [
  'PLANNED_DATE_UNREADABLE',
  'FIELD_MISSING',
  'CATEGORY_MISSING',
  'FUNDS_AMOUNT_INVALID',
  'INDICATOR_LABEL_MISSING',
  'INDICATOR_LEVEL1_CELL_MISLABELLED',
  'INDICATOR_LABEL_MISFIT',
  'INDICATOR_ROW_WRAPPED',
  'INDICATOR_CELLS_MERGED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** For the unit and the reviewer: a catalogue key and parameters, rendered in the reader's language. */
  message: Text;
  /** Where, e.g. `indicators[3].level2` (0-based), `funds.carryOver`, `category`. */
  path: string;
}

export function finding(code: FindingCode, severity: FindingSeverity, path: string, message: Text): Finding {
  return { code, severity, message, path };
}

/** One row of the indicator table, labels carried down from the rows above as printed. */
export interface ParsedIndicator {
  level1: string;
  level2: string;
  name: string;
  target: string | null;
  comparator: Comparator | null;
  value: number | null;
  unit: string | null;
}

/** Integer fen (yuan × 100) as read; yuan in the CLI output. Null where the form leaves the cell empty. */
export interface Funds {
  projectTotal: number | null;
  annualTotal: number | null;
  currentYearAppropriation: number | null;
  carryOver: number | null;
  otherFunds: number | null;
}

export interface ParsedForm {
  /** 1-based, in file order. */
  index: number;
  year: number;
  projectName: string;
  nature: string;
  category: string | null;
  department: string;
  implementingUnit: string;
  /** YYYY-MM-DD, or '' when the form has none (with a finding). */
  plannedStart: string;
  plannedEnd: string;
  funds: Funds;
  overallGoal: string | null;
  annualGoal: string | null;
  indicators: ParsedIndicator[];
  findings: Finding[];
}

/** What the CLI prints: the same fields in the same order, amounts in yuan (381419.84), not fen. */
export type ParseOutputForm = ParsedForm;
