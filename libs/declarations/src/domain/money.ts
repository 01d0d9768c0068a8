/**
 * Money is kept as integer fen (1 yuan = 100 fen): exact, never a binary float. Every place that
 * reads, converts or prints an amount comes here: typed input, the form readers, the views and
 * lists, the xlsx writer. Fen are built from the written digits, never by multiplying a float.
 */
export type Fen = number;

// Thousands separators only where they belong: 2,990,000.00 but not 12,34.
const YUAN = /^(\d{1,3}(?:,\d{3})+|\d{1,16})(?:\.(\d{1,2}))?$/;
// As a form prints it: a sign, any number of decimals (the third on must be 0), a trailing 元.
const PRINTED = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?元?$/u;
const MAX_PRINTED_DIGITS = 13; // 10^13 yuan in fen stays below 2^53

/** The amount the digits spell, in fen: `fenOfDigits('381419', '84')` is 38141984. */
function fenOfDigits(integer: string, decimals: string): Fen {
  return Number(`${integer.replaceAll(',', '')}${decimals.padEnd(2, '0')}`);
}

/**
 * Typed input: `"381,419.84"`, `"381419.84"` or `381419.84` → 38141984. A number is read through
 * its shortest decimal form, so 0.1 stays 10 fen. Returns null for anything that is not a
 * non-negative amount with at most two decimals.
 */
export function yuanToFen(amount: string | number): Fen | null {
  const text = typeof amount === 'number' ? numberText(amount) : amount.trim();
  if (text === null) return null;
  const match = YUAN.exec(text);
  if (!match) return null;
  const fen = fenOfDigits(match[1]!, match[2] ?? '');
  return Number.isSafeInteger(fen) ? fen : null;
}

/**
 * An amount as a form prints it (`381,419.84`, `30886500.00`, `-1,200.00元`, `1.000`) → fen.
 * Undefined when the text is not an exact amount (letters, a third decimal that is not 0, too
 * large). A form may hold a negative amount: the checks flag it, the reader keeps it.
 */
export function printedYuanToFen(text: string): Fen | undefined {
  const match = PRINTED.exec(text);
  if (!match) return undefined;
  const integer = match[2]!.replaceAll(',', '');
  const decimals = match[3] ?? '';
  if (integer.length > MAX_PRINTED_DIGITS || /[^0]/u.test(decimals.slice(2))) return undefined;
  const fen = fenOfDigits(integer, decimals.slice(0, 2));
  return match[1] === '-' ? -fen : fen;
}

/**
 * A yuan number this service printed (fen / 100; negative only from an imported form) back to
 * fen exactly. Null when it is not such a number.
 */
export function shownYuanToFen(yuan: number): Fen | null {
  const fen = yuanToFen(Math.abs(yuan));
  return fen === null || yuan >= 0 ? fen : -fen;
}

function numberText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}

/** 38141984 → 381419.84: one correctly rounded division, the closest double to that decimal. */
export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** As fenToYuan, keeping an empty amount empty; a bigint column arrives as text. */
export function fenToYuanOrNull(fen: Fen | string | null): number | null {
  return fen === null ? null : fenToYuan(Number(fen));
}

/** 38141984 → "381,419.84", as the form prints it (千分位, two decimals). */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
