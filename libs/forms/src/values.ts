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
