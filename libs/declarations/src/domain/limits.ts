import type { FieldError } from '@app/platform/errors';
import { say } from '@app/platform/messages';
import { textFault } from '@app/platform/text';
import type { DraftContent } from './commands.js';

/**
 * The most characters each text may hold, whatever the way in (typed, imported, amended). Far
 * above what real forms print (the longest 2025 annual goal has 544 characters, level labels 9),
 * and low enough that every label fits the read models' indexes: a label that could not be
 * indexed would stop a projection at its event.
 */
export const TEXT_LIMITS = {
  projectName: 200,
  nature: 50,
  category: 50,
  overallGoal: 5000,
  annualGoal: 5000,
  level1: 20,
  level2: 20,
  name: 1000,
  target: 200,
} as const;

export const MAX_INDICATORS = 200;

type Limited = keyof typeof TEXT_LIMITS;

/** The texts a person reads as names: they must show something. */
const NAMES: ReadonlySet<Limited> = new Set(['projectName', 'name']);

/**
 * Each text of `content` that cannot be kept, with the path of the field: over its limit
 * (`TOO_LONG`), holding characters no record should (`INVALID_CHARACTERS`: a bidirectional
 * override anywhere, a control character, a name that shows nothing), or too many indicators.
 */
export function textProblems(content: DraftContent, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const check = (path: string, field: Limited, value: string | null) => {
    if (value === null) return;
    const fault = textFault(value, NAMES.has(field) ? 'name' : 'text');
    if (fault !== null) errors.push({ path: `${prefix}${path}`, code: 'INVALID_CHARACTERS', message: fault });
    else if ([...value].length > TEXT_LIMITS[field]) {
      errors.push({
        path: `${prefix}${path}`,
        code: 'TOO_LONG',
        message: say('field.TOO_LONG', { maximum: TEXT_LIMITS[field] }),
      });
    }
  };
  for (const field of ['projectName', 'nature', 'category', 'overallGoal', 'annualGoal'] as const) {
    check(field, field, content[field]);
  }
  if (content.indicators.length > MAX_INDICATORS) {
    const message = say('field.tooManyIndicators', { maximum: MAX_INDICATORS });
    errors.push({ path: `${prefix}indicators`, code: 'TOO_BIG', message });
  }
  for (const [at, indicator] of content.indicators.entries()) {
    for (const field of ['level1', 'level2', 'name', 'target'] as const) {
      check(`indicators[${at}].${field}`, field, indicator[field]);
    }
  }
  return errors;
}
