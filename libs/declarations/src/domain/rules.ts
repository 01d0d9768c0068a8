import { TAXONOMY, type Taxonomy } from './taxonomy.js';

/** Every pre-review check, by stable code. */
export const CHECK_CODES = [
  'INDICATOR_LEVEL1_UNKNOWN',
  'INDICATOR_LEVEL2_MISPLACED',
  'INDICATOR_NAME_MISSING',
  'INDICATOR_NAME_TOO_LONG',
  'INDICATOR_TARGET_MISSING',
  'INDICATOR_TARGET_INVALID',
  'INDICATOR_NAME_DUPLICATE',
  'QUANTITY_TARGET_QUALITATIVE',
  'QUANTITY_COMPARATOR_AT_MOST',
  'COST_TARGET_QUALITATIVE',
  'CATEGORY_MISSING',
  'OUTPUT_INDICATOR_MISSING',
  'BENEFIT_INDICATOR_MISSING',
  'COST_INDICATOR_MISSING',
  'SATISFACTION_INDICATOR_MISSING',
  'OUTPUT_COVERAGE_INCOMPLETE',
  'FUNDS_NEGATIVE',
  'FUNDS_INCONSISTENT',
  'FUNDS_ANNUAL_TOTAL_MISSING',
  'PLANNED_DATES_MISSING',
  'PLANNED_DATES_INVALID',
  'ANNUAL_GOAL_MISSING',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];
export type Severity = 'blocking' | 'warning' | 'off';

/**
 * What a budget office may adjust per year: the taxonomy in force, limits, and each check's
 * severity (blocking stops submission, warning travels to the reviewer, off is not run).
 */
export interface RuleSet {
  taxonomy: Taxonomy;
  indicatorNameMaxLength: number;
  severities: Readonly<Record<CheckCode, Severity>>;
}

export type RuleSetOverrides = Partial<Omit<RuleSet, 'severities'>> & {
  severities?: Partial<Record<CheckCode, Severity>>;
};

/** The defaults of DOMAIN.md ("Checks a reviewer expects"), Shanghai 2025 guidance. */
export const DEFAULT_RULE_SET: RuleSet = {
  taxonomy: TAXONOMY,
  indicatorNameMaxLength: 100,
  severities: {
    INDICATOR_LEVEL1_UNKNOWN: 'blocking',
    INDICATOR_LEVEL2_MISPLACED: 'blocking',
    INDICATOR_NAME_MISSING: 'blocking',
    INDICATOR_NAME_TOO_LONG: 'blocking',
    INDICATOR_TARGET_MISSING: 'blocking',
    INDICATOR_TARGET_INVALID: 'blocking',
    INDICATOR_NAME_DUPLICATE: 'warning',
    QUANTITY_TARGET_QUALITATIVE: 'warning',
    QUANTITY_COMPARATOR_AT_MOST: 'warning',
    COST_TARGET_QUALITATIVE: 'warning',
    CATEGORY_MISSING: 'blocking',
    OUTPUT_INDICATOR_MISSING: 'blocking',
    BENEFIT_INDICATOR_MISSING: 'blocking',
    COST_INDICATOR_MISSING: 'blocking',
    SATISFACTION_INDICATOR_MISSING: 'warning',
    OUTPUT_COVERAGE_INCOMPLETE: 'warning',
    FUNDS_NEGATIVE: 'blocking',
    FUNDS_INCONSISTENT: 'blocking',
    FUNDS_ANNUAL_TOTAL_MISSING: 'blocking',
    PLANNED_DATES_MISSING: 'blocking',
    PLANNED_DATES_INVALID: 'blocking',
    ANNUAL_GOAL_MISSING: 'blocking',
  },
};

export function withOverrides(base: RuleSet, overrides: RuleSetOverrides): RuleSet {
  return {
    taxonomy: overrides.taxonomy ?? base.taxonomy,
    indicatorNameMaxLength: overrides.indicatorNameMaxLength ?? base.indicatorNameMaxLength,
    severities: { ...base.severities, ...overrides.severities },
  };
}
