import { describe, expect, it } from '@jest/globals';
import { parseDate, parseYear } from './values.js';

describe('reading dates and the budget year', () => {
  it.each([
    ['2025-01-01', '2025-01-01'],
    ['2025/1/1', '2025-01-01'],
    ['2025年12月31日', '2025-12-31'],
    ['2025-02-30', undefined],
    ['明年', undefined],
  ])('%s → %s', (written, date) => {
    expect(parseDate(written)).toBe(date);
  });

  it('takes the year from the cell under the title only', () => {
    expect(parseYear('(2025年度)')).toBe(2025);
    expect(parseYear('（2026年度）')).toBe(2026);
    expect(parseYear('对2024年度失业保险稳岗返还政策实施以来')).toBeUndefined();
  });
});
