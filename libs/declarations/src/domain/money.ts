/** Money is kept as integer fen (1 yuan = 100 fen): exact, never a binary float. */
export type Fen = number;

// Thousands separators only where they belong: 2,990,000.00 but not 12,34.
const YUAN = /^(\d{1,3}(?:,\d{3})+|\d{1,16})(?:\.(\d{1,2}))?$/;

/**
 * `"381,419.84"`, `"381419.84"` or `381419.84` → 38141984. A number is read through its
 * shortest decimal form, so 0.1 stays 10 fen. Returns null for anything that is not a
 * non-negative amount with at most two decimals.
 */
export function yuanToFen(amount: string | number): Fen | null {
  const text = typeof amount === 'number' ? numberText(amount) : amount.trim();
  if (text === null) return null;
  const match = YUAN.exec(text);
  if (!match) return null;
  const fen = Number(match[1]!.replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

function numberText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}

/** 38141984 → 381419.84 (the closest double prints as exactly that decimal). */
export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** 38141984 → "381,419.84", as the form prints it. */
export function formatYuan(fen: Fen): string {
  const yuan = Math.floor(fen / 100).toLocaleString('en-US');
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}
