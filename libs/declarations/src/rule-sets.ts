import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CHECK_CODES, DEFAULT_RULE_SET, withOverrides, type RuleSet } from './domain/index.js';

const severity = z.enum(['blocking', 'warning', 'off']);
const overridesSchema = z
  .object({
    description: z.string().optional(),
    taxonomy: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
    indicatorNameMaxLength: z.number().int().min(1).max(1000).optional(),
    severities: z.partialRecord(z.enum(CHECK_CODES), severity).optional(),
    // 评审等级 of departmental review, best first.
    grades: z
      .array(z.string().trim().min(1).max(10))
      .min(2)
      .max(10)
      .refine((grades) => new Set(grades).size === grades.length, 'Each grade once')
      .optional(),
  })
  .strict();

/**
 * The pre-review rules per budget year: the defaults in the domain, overridden by
 * `config/checks/<year>.json` where a budget office has adjusted them. Read once at boot;
 * a malformed file stops the process naming the file.
 */
export class RuleSets {
  private constructor(private readonly byYear: ReadonlyMap<number, RuleSet>) {}

  static fromDirectory(directory: string): RuleSets {
    const byYear = new Map<number, RuleSet>();
    for (const file of readdirSync(directory).filter((f) => /^\d{4}\.json$/.test(f))) {
      const parsed = overridesSchema.safeParse(JSON.parse(readFileSync(join(directory, file), 'utf8')));
      if (!parsed.success) {
        throw new Error(
          `${join(directory, file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      byYear.set(Number(file.slice(0, 4)), withOverrides(DEFAULT_RULE_SET, parsed.data));
    }
    return new RuleSets(byYear);
  }

  static defaults(): RuleSets {
    return new RuleSets(new Map());
  }

  /** A year without a file of its own uses the defaults. */
  forYear(year: number): RuleSet {
    return this.byYear.get(year) ?? DEFAULT_RULE_SET;
  }

  years(): number[] {
    return [...this.byYear.keys()].sort();
  }
}
