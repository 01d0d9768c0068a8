import { describe, expect, it } from '@jest/globals';
import { fenToYuan, parseDate, parseFen, parseYear } from './values.js';

describe('reading an amount in yuan as fen', () => {
  it.each([
    ['381,419.84', 38141984],
    ['30,886,500.00', 3088650000],
    ['30886500.00', 3088650000],
    ['9,193,400.70', 919340070],
    ['0.00', 0],
    ['125100.7', 12510070],
    ['480000', 48000000],
    ['0.10', 10],
    ['1.005', undefined],
    ['1.000', 100],
    ['12,34.00', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('%s → %s', (written, fen) => {
    expect(parseFen(written)).toBe(fen);
  });

  it('never goes through a float multiply: 0.29, 1.15 and 4.35 come out whole', () => {
    expect([parseFen('0.29'), parseFen('1.15'), parseFen('4.35')]).toEqual([29, 115, 435]);
    expect(fenToYuan(38141984)).toBe(381419.84);
  });
});

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
