import { describe, expect, it } from '@jest/globals';
import { fenToYuan, formatYuan, printedYuanToFen, shownYuanToFen, yuanToFen } from './money.js';

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
    expect(formatYuan(-120050)).toBe('-1,200.50');
  });

  it('reads a shown yuan number back to fen, a negative one from an imported form too', () => {
    expect(shownYuanToFen(381419.84)).toBe(38141984);
    expect(shownYuanToFen(-0.29)).toBe(-29);
    expect(shownYuanToFen(1.005)).toBeNull();
  });
});

describe('reading an amount as a form prints it', () => {
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
    expect(printedYuanToFen(written)).toBe(fen);
  });

  it('never goes through a float multiply: 0.29, 1.15 and 4.35 come out whole', () => {
    expect([printedYuanToFen('0.29'), printedYuanToFen('1.15'), printedYuanToFen('4.35')]).toEqual([29, 115, 435]);
    expect(printedYuanToFen('-1,200.00元')).toBe(-120000);
  });
});
