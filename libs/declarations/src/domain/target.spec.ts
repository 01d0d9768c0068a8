import { describe, expect, it } from '@jest/globals';
import { parseTarget } from './target.js';

describe('reading a target', () => {
  it.each([
    ['≤116.00(元/人/年)', '≤', 116, '元/人/年'],
    ['≥85.00(%)', '≥', 85, '%'],
    ['=12.00(次)', '=', 12, '次'],
    ['≥1500人次', '≥', 1500, '人次'],
    ['≤0.08(万元/家)', '≤', 0.08, '万元/家'],
    ['≥ 4 （次）', '≥', 4, '次'],
    ['>=90(%)', '≥', 90, '%'],
    ['<3(天)', '<', 3, '天'],
    ['≤500.00(元/项目(班级))', '≤', 500, '元/项目(班级)'],
    ['≥2人次(年)', '≥', 2, '人次(年)'],
  ])('reads %s as quantitative', (written, comparator, value, unit) => {
    expect(parseTarget(written)).toEqual({ kind: 'quantitative', comparator, value, unit });
  });

  it('reads a comparator and a number without a unit, leaving the unit empty for the checks to flag', () => {
    expect(parseTarget('=0')).toEqual({ kind: 'quantitative', comparator: '=', value: 0, unit: null });
    expect(parseTarget('≥5()')).toEqual({ kind: 'quantitative', comparator: '≥', value: 5, unit: null });
  });

  it.each(['及时', '有效', '2025 年 10 月底前', '按月发放', '系统正常运行，满足使用者相关需要'])(
    'reads %s as qualitative',
    (written) => {
      expect(parseTarget(written)).toEqual({ kind: 'qualitative', text: written });
    },
  );

  it.each(['≥abc(%)', '≤', '=(次)', '≥85.00(%', '≥1.2.3(次)', '≥5(次))', '≥5(a)(b)'])(
    'calls %s malformed',
    (written) => {
      expect(parseTarget(written)).toMatchObject({ kind: 'malformed' });
    },
  );
});
