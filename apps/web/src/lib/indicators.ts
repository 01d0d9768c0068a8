import type { Declaration } from '../api/client';
import { TAXONOMY } from './labels';

export type IndicatorView = Declaration['indicators'][number];
export interface IndicatorRow extends IndicatorView {
  /** Position on the declaration (what `indicators[i]` in a finding or field error names). */
  index: number;
  level1Span: number;
  level2Span: number;
}

const LEVEL1 = Object.keys(TAXONOMY);

function rank(i: IndicatorView): [number, number] {
  const one = LEVEL1.indexOf(i.level1);
  const two = one < 0 ? -1 : (TAXONOMY[i.level1] ?? []).indexOf(i.level2);
  return [one < 0 ? LEVEL1.length : one, two < 0 ? 99 : two];
}

/**
 * The rows in the taxonomy's order (一级, then 二级; the form's order within), with the row spans
 * that merge equal 一级 and 二级 cells as the printed 申报表 does.
 */
export function indicatorRows(indicators: readonly IndicatorView[]): IndicatorRow[] {
  const rows = indicators
    .map((indicator, index) => ({ ...indicator, index, level1Span: 0, level2Span: 0 }))
    .sort((a, b) => {
      const [a1, a2] = rank(a);
      const [b1, b2] = rank(b);
      return a1 - b1 || a2 - b2 || a.index - b.index;
    });
  for (let start = 0; start < rows.length;) {
    let end = start;
    while (end < rows.length && rows[end]!.level1 === rows[start]!.level1) end++;
    rows[start]!.level1Span = end - start;
    for (let at = start; at < end;) {
      let stop = at;
      while (stop < end && rows[stop]!.level2 === rows[at]!.level2) stop++;
      rows[at]!.level2Span = stop - at;
      at = stop;
    }
    start = end;
  }
  return rows;
}

export const COMPARATORS = ['≥', '≤', '=', '>', '<'] as const;

export interface TargetParts {
  kind: 'quantitative' | 'qualitative';
  comparator: string;
  value: number | null;
  unit: string;
  text: string;
}

/** A target as the editor splits it: comparator + number + unit, or text. */
export function targetParts(indicator: Pick<IndicatorView, 'target' | 'parsedTarget'>): TargetParts {
  const parsed = indicator.parsedTarget;
  if (parsed?.kind === 'quantitative') {
    return {
      kind: 'quantitative',
      comparator: parsed.comparator,
      value: parsed.value,
      unit: parsed.unit ?? '',
      text: '',
    };
  }
  return { kind: 'qualitative', comparator: '≥', value: null, unit: '', text: indicator.target ?? '' };
}

/** The written target: `≥85(%)` — the unit in parentheses, as the printed forms have it. */
export function targetText(parts: TargetParts): string {
  if (parts.kind === 'qualitative') return parts.text.trim();
  const unit = parts.unit.trim().replace(/^\((.*)\)$/u, '$1');
  return `${parts.comparator}${parts.value ?? ''}${unit ? `(${unit})` : ''}`;
}

/** Field errors and findings on one row: `indicators[3].target` → { target: '…' }. */
export function rowMessages(messages: Record<string, string>, index: number): Record<string, string> {
  const prefix = `indicators[${index}].`;
  return Object.fromEntries(
    Object.entries(messages)
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, message]) => [path.slice(prefix.length), message]),
  );
}
