import { describe, expect, it } from '@jest/globals';
import { COST, madeUpForm, measured, QUALITY, QUANTITY, SOCIAL, worded } from './forms.fixtures.js';
import { readFormsText } from './read-forms.js';

const read = (table: readonly (readonly string[])[]) => readFormsText(madeUpForm(table))[0]!;
const codes = (table: readonly (readonly string[])[]) =>
  read(table).findings.map(({ code, path }) => `${code} ${path}`);
const COST_ROW = ['绩效指标', '成本指标', '经济成本指标', '人均成本', '', '≤10.00(元/人)'];

describe('reading the indicator table', () => {
  it('merges a label whose tail a page break pushed onto the next line', () => {
    const form = read([COST_ROW, ['', '效益指标', '社会效益', '甲', '', '提升'], [], ['', '', '指标', '乙', '维护']]);
    expect(form.indicators.slice(1)).toEqual([worded(SOCIAL, '甲', '提升'), worded(SOCIAL, '乙', '维护')]);
  });

  it('does not take a name that reads like a short label for a label', () => {
    const form = read([COST_ROW, ['', '', '', '服务对象满意度', '≥90.00(%)']]);
    expect(form.indicators[1]).toEqual(measured(COST, '服务对象满意度', '≥90.00(%)', '≥', 90, '%'));
  });

  it('joins a lone cell after a page break to the row above, and says so', () => {
    const form = read([COST_ROW, ['', '产出指标', '数量指标', '培训', '=3.00(场)'], [], ['', '', '', '场次']]);
    expect(form.indicators[1]).toEqual(measured(QUANTITY, '培训场次', '=3.00(场)', '=', 3, '场'));
    expect(codes([COST_ROW, ['', '产出指标', '数量指标', '培训', '=3.00(场)'], [], ['场次']])).toContain(
      'INDICATOR_ROW_WRAPPED indicators[1].name',
    );
  });

  it('keeps a lone cell without a page break as a row whose target is missing', () => {
    const table = [COST_ROW, ['', '产出指标', '数量指标', '甲', '=1(个)'], ['', '', '', '乙'], ['丙', '=2(个)']];
    expect(read(table).indicators.slice(1)).toEqual([
      measured(QUANTITY, '甲', '=1(个)', '=', 1, '个'),
      worded(QUANTITY, '乙', null),
      measured(QUANTITY, '丙', '=2(个)', '=', 2, '个'),
    ]);
  });

  it('skips a table header repeated by a page break', () => {
    const header = ['', '一级指标', '二级指标', '三级指标', '', '年度(/项目)指标值'];
    expect(read([COST_ROW, [], header, ['', '', '', '甲', '≤1(元)']]).indicators).toHaveLength(2);
  });

  it('keeps a level-2 label under the wrong level 1 as printed, for the rule set to judge', () => {
    const table = [COST_ROW, ['', '产出指标', '数量指标', '甲', '=1(个)'], ['', '', '社会效益指标', '乙', '提升']];
    expect(read(table).indicators[2]).toEqual(worded(['产出指标', '社会效益指标'], '乙', '提升'));
    expect(codes(table)).toEqual([]);
  });

  it('reads a level-2 label printed in the level-1 column under the level 1 above', () => {
    const table = [COST_ROW, ['', '产出指标', '数量指标', '甲', '=1(个)'], ['', '质量指标', '质量指标', '乙', '合规']];
    expect(read(table).indicators[2]).toEqual(worded(QUALITY, '乙', '合规'));
    expect(codes(table)).toContain('INDICATOR_LEVEL1_CELL_MISLABELLED indicators[2].level1');
  });

  it('flags a row with no labels above it, and a new level 1 without its level 2', () => {
    expect(codes([['', '', '', '甲', '=1(个)'], COST_ROW])).toContain('INDICATOR_LABEL_MISSING indicators[0].level1');
    const table = [COST_ROW, ['', '产出指标', '', '甲', '=1(个)']];
    expect(read(table).indicators[1]).toMatchObject({ level1: '产出指标', level2: '' });
    expect(codes(table)).toContain('INDICATOR_LABEL_MISSING indicators[1].level2');
  });

  it('keeps a target it cannot read as written, for the rule set to judge', () => {
    const table = [COST_ROW, ['', '产出指标', '数量指标', '甲', '≥abc(个)']];
    expect(read(table).indicators[1]).toEqual(worded(QUANTITY, '甲', '≥abc(个)'));
    expect(codes(table)).toEqual([]);
  });

  it('joins extra text cells before the target into the name, and says so', () => {
    const table = [COST_ROW, ['', '产出指标', '数量指标', '甲', '乙', '=1(个)']];
    expect(read(table).indicators[1]).toEqual(measured(QUANTITY, '甲乙', '=1(个)', '=', 1, '个'));
    expect(codes(table)).toContain('INDICATOR_CELLS_MERGED indicators[1].name');
  });
});
