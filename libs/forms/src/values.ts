const AMOUNT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?元?$/u;
const MAX_INTEGER_DIGITS = 13; // 10^13 yuan in fen stays below 2^53

/**
 * A yuan amount as printed (`381,419.84`, `30886500.00`) → integer fen, built from the digits
 * themselves so no binary float ever rounds it. Undefined when the text is not an exact amount
 * (letters, more than two significant decimals, too large).
 */
export function parseFen(text: string): number | undefined {
  const match = AMOUNT.exec(text);
  if (!match) return undefined;
  const integer = match[2]!.replaceAll(',', '');
  const decimals = match[3] ?? '';
  if (integer.length > MAX_INTEGER_DIGITS || /[^0]/u.test(decimals.slice(2))) return undefined;
  const fen = Number(`${integer}${decimals.slice(0, 2).padEnd(2, '0')}`);
  return match[1] === '-' ? -fen : fen;
}

/** Fen → yuan for printing: one correctly rounded division, so 38141984 prints as 381419.84. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u;

/** `2025-01-01`, `2025/1/1` or `2025年1月1日` → `2025-01-01`; undefined for anything else or no such day. */
export function parseDate(text: string): string | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The budget year from the cell under the title, `(2025 年度)`, once cleaned to `(2025年度)`. */
export function parseYear(cell: string): number | undefined {
  const match = /(?:^|[(（])(\d{4})年度[)）]?$/u.exec(cell);
  return match ? Number(match[1]) : undefined;
}
