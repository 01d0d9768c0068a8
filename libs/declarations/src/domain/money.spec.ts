import { describe, expect, it } from '@jest/globals';
import { fenToYuan, formatYuan, yuanToFen } from './money.js';

describe('money', () => {
  it.each([
    ['381,419.84', 38141984],
    ['381419.84', 38141984],
    [381419.84, 38141984],
    ['0.00', 0],
    [0.1, 10],
    [0.29, 29],
    ['2,990,000.00', 299000000],
    ['12.5', 1250],
    [1e6, 100000000],
  ])('reads %p as %p fen, exactly', (input, fen) => {
    expect(yuanToFen(input)).toBe(fen);
  });

  it.each(['-1', '1.234', 'abc', '', '1e5', Number.NaN, -0.01, 1e21, '12,34,.5'])('refuses %p', (input) => {
    expect(yuanToFen(input)).toBeNull();
  });

  it('prints yuan back as a number and as the form does', () => {
    expect(fenToYuan(38141984)).toBe(381419.84);
    expect(formatYuan(38141984)).toBe('381,419.84');
    expect(formatYuan(5)).toBe('0.05');
  });
});
