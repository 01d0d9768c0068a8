import { describe, expect, it } from '@jest/globals';
import { madeUpForm } from './forms.fixtures.js';
import { FormFileError } from './form-file-error.js';
import { readFormsText } from './read-forms.js';

const TABLE = [['绩效指标', '成本指标', '经济成本指标', '人均成本', '', '≤10.00(元/人)']];
const PROJECT_LINE = ['项目名称', '测试项目', '', '项目性质', '其他经常性项目', '项目类别', '其他运转类'];
const project = (...lines: string[][]) => [
  ['财政项目支出绩效目标申报表'],
  ['(2025 年度)'],
  ...lines,
  ['主管部门', '上海市松江区人力资源和社会保障局', '', '实施单位', '测试单位'],
];
const read = (parts: Parameters<typeof madeUpForm>[1]) => readFormsText(madeUpForm(TABLE, parts))[0]!;
/** The findings about the head; the one-row table lacks output, benefit and satisfaction on purpose. */
const codes = (parts: Parameters<typeof madeUpForm>[1]) =>
  read(parts)
    .findings.filter(({ path }) => !path.startsWith('indicators'))
    .map(({ code, path }) => `${code} ${path}`);

describe('reading the part above the indicator table', () => {
  it('reads two goal cells as the overall and the annual goal', () => {
    expect(
      read({
        goals: [
          ['项目绩效目标', '项目总目标', '年度总体目标'],
          ['', '三年目标', '', '当年目标'],
        ],
      }),
    ).toMatchObject({
      overallGoal: '三年目标',
      annualGoal: '当年目标',
    });
  });

  it('reads a goal printed beside its label, and a goal continued after a page break', () => {
    const goals = [['项目绩效目标', '项目总目标', '', '年度总体目标', '上半句，'], [], ['', '', '下半句。']];
    expect(read({ goals })).toMatchObject({ overallGoal: null, annualGoal: '上半句，下半句。' });
  });

  it('leaves a missing category null with a warning, a missing nature empty with a blocking one, dates empty', () => {
    const form = read({ project: project(['项目名称', '测试项目']) });
    expect(form).toMatchObject({ category: null, nature: '', plannedStart: '', plannedEnd: '' });
    // Missing dates are the rule set's PLANNED_DATES_MISSING, not the reader's to judge.
    expect(codes({ project: project(['项目名称', '测试项目']) })).toEqual([
      'CATEGORY_MISSING category',
      'FIELD_MISSING nature',
    ]);
  });

  it('reads a date written another way, and flags one that is not a date', () => {
    const dates = project(PROJECT_LINE, ['计划开始日期', '2025年1月1日', '计划完成日期', '年底']);
    expect(read({ project: dates })).toMatchObject({ plannedStart: '2025-01-01', plannedEnd: '' });
    expect(codes({ project: dates })).toEqual(['PLANNED_DATE_UNREADABLE plannedEnd']);
  });

  it('flags an amount it cannot read exactly and leaves it null', () => {
    const funds = [
      ['项目资金（元）', '项目资金总额：', '年度资金申请总额：', '1,000.005'],
      ['', '其中：财政资金', '其中：当年财政拨款', '一千元'],
    ];
    const form = read({ funds });
    expect(form.funds).toEqual({
      projectTotal: null,
      annualTotal: null,
      currentYearAppropriation: null,
      carryOver: null,
      otherFunds: null,
    });
    expect(codes({ funds })).toEqual([
      'FUNDS_AMOUNT_INVALID funds.annualTotal',
      'FUNDS_AMOUNT_INVALID funds.currentYearAppropriation',
    ]);
  });

  it('reads a filled multi-year total and ignores the left-hand 其他资金', () => {
    const funds = [
      ['项目资金（元）', '项目资金总额：', '3,000.00', '年度资金申请总额：', '1,000.00'],
      ['', '其中：财政资金', '', '其中：当年财政拨款', '900.00'],
      ['', '', '', '上年结转资金', '0.00'],
      ['', '其他资金', '', '其他资金', '100.00'],
    ];
    expect(read({ funds }).funds).toEqual({
      projectTotal: 300000,
      annualTotal: 100000,
      currentYearAppropriation: 90000,
      carryOver: 0,
      otherFunds: 10000,
    });
  });

  it('refuses a form without its year line', () => {
    const noYear = project(PROJECT_LINE).filter(([cell]) => cell !== '(2025 年度)');
    expect(() => read({ project: noYear })).toThrow(FormFileError);
    expect(() => read({ project: noYear })).toThrow('第1张申报表缺少年度');
  });
});
