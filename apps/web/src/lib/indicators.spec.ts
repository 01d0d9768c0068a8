import { describe, expect, it } from '@jest/globals';
import { indicatorRows, rowMessages, targetParts, targetText, type IndicatorView } from './indicators';

const row = (id: string, level1: string, level2: string): IndicatorView => ({
  id,
  level1,
  level2,
  name: id,
  target: '及时',
  parsedTarget: { kind: 'qualitative', text: '及时' },
});

describe('the indicator table as the printed form has it', () => {
  it('orders rows by the taxonomy and merges equal 一级 and 二级 cells', () => {
    const rows = indicatorRows([
      row('a', '效益指标', '社会效益指标'),
      row('b', '产出指标', '时效指标'),
      row('c', '产出指标', '数量指标'),
      row('d', '产出指标', '数量指标'),
      row('e', '成本指标', '经济成本指标'),
    ]);
    expect(rows.map((r) => [r.id, r.level1Span, r.level2Span])).toEqual([
      ['e', 1, 1],
      ['c', 3, 2],
      ['d', 0, 0],
      ['b', 0, 1],
      ['a', 1, 1],
    ]);
    expect(rows.map((r) => r.index)).toEqual([4, 2, 3, 1, 0]); // what indicators[i] in a finding names
  });

  it('keeps a row under an unknown label, at the end, in the form’s order', () => {
    const rows = indicatorRows([row('x', '其他', '?'), row('y', '产出指标', '质量指标')]);
    expect(rows.map((r) => r.id)).toEqual(['y', 'x']);
  });
});

describe('targets as comparator + number + unit, or text', () => {
  it('writes a quantitative target with its unit in parentheses', () => {
    const parts = { kind: 'quantitative' as const, comparator: '≥', value: 85, unit: '%', text: '' };
    expect(targetText(parts)).toBe('≥85(%)');
    expect(targetText({ ...parts, unit: '(人次)' })).toBe('≥85(人次)');
    expect(targetText({ ...parts, unit: '' })).toBe('≥85');
  });

  it('splits what the server parsed', () => {
    const parsed = { kind: 'quantitative' as const, comparator: '≤' as const, value: 116, unit: '元/人/年' };
    expect(targetParts({ target: '≤116.00(元/人/年)', parsedTarget: parsed })).toMatchObject({
      kind: 'quantitative',
      comparator: '≤',
      value: 116,
      unit: '元/人/年',
    });
    expect(targetParts({ target: '2025 年 10 月底前', parsedTarget: null })).toMatchObject({
      kind: 'qualitative',
      text: '2025 年 10 月底前',
    });
  });

  it('finds the messages of one row by its position', () => {
    const messages = {
      'indicators[1].target': '年度指标值未填写',
      'indicators[10].name': '重复',
      annualGoal: '未填写',
    };
    expect(rowMessages(messages, 1)).toEqual({ target: '年度指标值未填写' });
  });
});
