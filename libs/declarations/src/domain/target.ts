/**
 * A target (年度指标值) is kept as written and also read: quantitative — a comparator, a number
 * and a unit, e.g. `≤116.00(元/人/年)`, `≥1500人次` — or qualitative: a word, a deadline, a sentence.
 */
export const COMPARATORS = ['≤', '≥', '=', '<', '>'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export type ParsedTarget =
  | { kind: 'quantitative'; comparator: Comparator; value: number; unit: string | null }
  | { kind: 'qualitative'; text: string };

/** A target that starts like a number to compare but is not one, e.g. `≥abc(%)`. */
export interface MalformedTarget {
  kind: 'malformed';
  reason: string;
}

const ASCII_COMPARATORS: Record<string, Comparator> = {
  '<=': '≤',
  '>=': '≥',
  '≦': '≤',
  '≧': '≥',
  '＝': '=',
  '＜': '<',
  '＞': '>',
};

const QUANTITATIVE = /^(≤|≥|=|<|>)\s*([+-]?\d+(?:\.\d+)?)\s*(.*)$/u;

export function parseTarget(written: string): ParsedTarget | MalformedTarget {
  const text = written.trim();
  const normalised = text.replace(/^(<=|>=|≦|≧|＝|＜|＞)/u, (c) => ASCII_COMPARATORS[c]!);
  if (!COMPARATORS.some((c) => normalised.startsWith(c))) return { kind: 'qualitative', text };
  const match = QUANTITATIVE.exec(normalised);
  if (!match) return { kind: 'malformed', reason: 'a comparator must be followed by a number' };
  const rest = match[3]!.trim();
  const unit = unitOf(rest);
  if (unit === undefined) return { kind: 'malformed', reason: `cannot read a unit from "${rest}"` };
  return { kind: 'quantitative', comparator: match[1] as Comparator, value: Number(match[2]), unit };
}

/**
 * `(元/人/年)` or `人次` → the unit; `(元/项目(班级))` → `元/项目(班级)`; nothing → null;
 * unbalanced brackets → undefined.
 */
function unitOf(rest: string): string | null | undefined {
  if (rest === '') return null;
  if (!balanced(rest) || /^[\d.]/u.test(rest)) return undefined;
  const opens = /^[(（]/u.test(rest);
  const closes = /[)）]$/u.test(rest);
  if (opens && closes && balanced(rest.slice(1, -1))) {
    const inner = rest.slice(1, -1).trim();
    return inner === '' ? null : inner;
  }
  return opens ? undefined : rest;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(' || char === '（') depth++;
    if (char === ')' || char === '）') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}
