import { describe, expect, it } from '@jest/globals';
import { render, say } from '@app/platform/messages';
import { findingsOf, runChecks } from './checks.js';
import type { DeclarationContent, IndicatorFields } from './declaration.js';
import { soundContent } from './declaration.fixtures.js';
import type { Finding } from './declaration.js';
import { CHECK_CODES, DEFAULT_RULE_SET, withOverrides, type CheckCode } from './rules.js';

function content(change: (c: DeclarationContent) => void = () => undefined): DeclarationContent {
  const draft = soundContent();
  const c: DeclarationContent = { ...draft, indicators: draft.indicators.map((i, n) => ({ id: `i-${n}`, ...i })) };
  change(c);
  return c;
}
const indicator = (fields: Partial<IndicatorFields>) => ({
  id: 'x',
  level1: '产出指标',
  level2: '数量指标',
  name: '新增指标',
  target: '≥1(次)',
  ...fields,
});
const codes = (c: DeclarationContent, rules = DEFAULT_RULE_SET) =>
  runChecks(c, rules).map((f) => `${f.code}@${f.path}:${f.severity}`);

describe('the pre-review checks', () => {
  it('find nothing in a sound declaration', () => {
    expect(runChecks(content(), DEFAULT_RULE_SET)).toEqual([]);
  });

  it.each<[string, (c: DeclarationContent) => void, string[]]>([
    [
      'an unknown level 1',
      (c) => c.indicators.push(indicator({ level1: '其他指标' })),
      ['INDICATOR_LEVEL1_UNKNOWN@indicators[6].level1:blocking'],
    ],
    [
      'a level 1 named like a property of every object',
      (c) =>
        c.indicators.push(indicator({ level1: '__proto__' }), indicator({ level1: 'constructor', name: '另一指标' })),
      [
        'INDICATOR_LEVEL1_UNKNOWN@indicators[6].level1:blocking',
        'INDICATOR_LEVEL1_UNKNOWN@indicators[7].level1:blocking',
      ],
    ],
    [
      'a level 2 under the wrong level 1',
      (c) => c.indicators.push(indicator({ level2: '社会效益指标' })),
      ['INDICATOR_LEVEL2_MISPLACED@indicators[6].level2:blocking'],
    ],
    ['a blank name', (c) => (c.indicators[1]!.name = ' '), ['INDICATOR_NAME_MISSING@indicators[1].name:blocking']],
    [
      'a 101-character name',
      (c) => (c.indicators[1]!.name = '长'.repeat(101)),
      ['INDICATOR_NAME_TOO_LONG@indicators[1].name:blocking'],
    ],
    [
      'a missing target',
      (c) => (c.indicators[1]!.target = null),
      ['INDICATOR_TARGET_MISSING@indicators[1].target:blocking'],
    ],
    [
      'a malformed target',
      (c) => (c.indicators[1]!.target = '≥abc(%)'),
      ['INDICATOR_TARGET_INVALID@indicators[1].target:blocking'],
    ],
    [
      'a quantitative target without a unit',
      (c) => (c.indicators[1]!.target = '≥4'),
      ['INDICATOR_TARGET_INVALID@indicators[1].target:blocking'],
    ],
    [
      'a repeated indicator name',
      (c) => c.indicators.push(indicator({ name: '巡检次数' })),
      ['INDICATOR_NAME_DUPLICATE@indicators[6].name:warning'],
    ],
    [
      'a qualitative quantity target',
      (c) => (c.indicators[1]!.target = '按需巡检'),
      ['QUANTITY_TARGET_QUALITATIVE@indicators[1].target:warning'],
    ],
    [
      'no cost indicator',
      (c) => (c.indicators = c.indicators.filter((i) => i.level1 !== '成本指标')),
      ['COST_INDICATOR_MISSING@indicators:blocking'],
    ],
    [
      'no benefit indicator',
      (c) => (c.indicators = c.indicators.filter((i) => i.level1 !== '效益指标')),
      ['BENEFIT_INDICATOR_MISSING@indicators:blocking'],
    ],
    [
      'no satisfaction indicator',
      (c) => (c.indicators = c.indicators.filter((i) => i.level1 !== '满意度指标')),
      ['SATISFACTION_INDICATOR_MISSING@indicators:warning'],
    ],
    [
      'no timeliness output',
      (c) => (c.indicators = c.indicators.filter((i) => i.level2 !== '时效指标')),
      ['OUTPUT_COVERAGE_INCOMPLETE@indicators:warning'],
    ],
    [
      'no output at all',
      (c) => (c.indicators = c.indicators.filter((i) => i.level1 !== '产出指标')),
      ['OUTPUT_INDICATOR_MISSING@indicators:blocking'],
    ],
    ['funds that do not add up', (c) => (c.funds.carryOver = 100), ['FUNDS_INCONSISTENT@funds.annualTotal:blocking']],
    [
      'a negative amount',
      (c) => ((c.funds.otherFunds = -5), (c.funds.currentYearAppropriation = 38141989)),
      ['FUNDS_NEGATIVE@funds.otherFunds:blocking'],
    ],
    ['no annual total', (c) => (c.funds.annualTotal = null), ['FUNDS_ANNUAL_TOTAL_MISSING@funds.annualTotal:blocking']],
    [
      'an end before the start',
      (c) => ((c.plannedStart = '2025-06-01'), (c.plannedEnd = '2025-05-31')),
      ['PLANNED_DATES_INVALID@plannedEnd:blocking'],
    ],
    [
      'a date outside the budget year',
      (c) => (c.plannedEnd = '2026-01-31'),
      ['PLANNED_DATES_INVALID@plannedEnd:blocking'],
    ],
    ['no planned start', (c) => (c.plannedStart = null), ['PLANNED_DATES_MISSING@plannedStart:blocking']],
    ['a blank annual goal', (c) => (c.annualGoal = ''), ['ANNUAL_GOAL_MISSING@annualGoal:blocking']],
  ])('flag %s', (_, change, expected) => {
    expect(codes(content(change))).toEqual(expected);
  });

  it('say what is wrong in Chinese, or in English, the form’s own words as typed', () => {
    const [finding] = runChecks(
      content((c) => c.indicators.push(indicator({ level2: '社会效益指标' }))),
      DEFAULT_RULE_SET,
    );
    expect(render(finding!.message, 'zh')).toBe('三级指标“新增指标”的二级指标“社会效益指标”不属于一级指标“产出指标”');
    expect(render(finding!.message, 'en')).toBe(
      'Indicator “新增指标”: its level 2 “社会效益指标” does not belong under level 1 “产出指标”',
    );
    expect(finding!.indicatorId).toBe('x');
  });

  it('name what an output lacks in the reader’s words', () => {
    const [finding] = runChecks(
      content((c) => (c.indicators = c.indicators.filter((i) => i.level2 !== '质量指标' && i.level2 !== '时效指标'))),
      DEFAULT_RULE_SET,
    ).filter((f) => f.code === 'OUTPUT_COVERAGE_INCOMPLETE');
    expect(render(finding!.message, 'zh')).toBe('产出指标中没有质量指标或时效指标');
    expect(render(finding!.message, 'en')).toBe('The output indicators include no quality or timeliness indicator');
  });

  it('name the row a finding is about by its id and its 三级指标', () => {
    const [finding] = runChecks(
      content((c) => c.indicators.push(indicator({ name: '每场参加培训人数', target: null }))),
      DEFAULT_RULE_SET,
    );
    expect(finding).toEqual({
      code: 'INDICATOR_TARGET_MISSING',
      severity: 'blocking',
      path: 'indicators[6].target',
      indicatorId: 'x',
      message: say('finding.INDICATOR_TARGET_MISSING', { row: say('finding.row', { name: '每场参加培训人数' }) }),
    });
    expect(render(finding!.message, 'zh')).toBe('三级指标“每场参加培训人数”没有年度指标值');
  });

  it.each<[string, Partial<IndicatorFields>, string[]]>([
    [
      'a quantity meant as a ceiling',
      { target: '≤10(次)' },
      ['QUANTITY_COMPARATOR_AT_MOST@indicators[6].target:warning'],
    ],
    ['a quantity below a bound', { target: '<3(场)' }, ['QUANTITY_COMPARATOR_AT_MOST@indicators[6].target:warning']],
    ['a quantity as a minimum', { target: '≥10(次)' }, []],
    [
      'a cost in words',
      { level1: '成本指标', level2: '经济成本指标', name: '控制成本', target: '合理' },
      ['COST_TARGET_QUALITATIVE@indicators[6].target:warning'],
    ],
    ['a cost in yuan', { level1: '成本指标', level2: '经济成本指标', name: '单价', target: '≤100(元)' }, []],
  ])('warn of %s', (_, fields, expected) => {
    expect(codes(content((c) => c.indicators.push(indicator(fields))))).toEqual(expected);
  });

  it('block a declaration without 项目类别', () => {
    expect(codes(content((c) => (c.category = null)))).toEqual(['CATEGORY_MISSING@category:blocking']);
  });

  it('keep the reader’s findings about the printed form beside the checks, a row’s where the row stands now', () => {
    const misfit: Finding = {
      code: 'INDICATOR_LABEL_MISFIT',
      severity: 'warning',
      path: 'indicators[3].level1',
      indicatorId: 'i-3',
      message: '“运维完成及时”衡量的是时间或及时性',
    };
    const layout: Finding = {
      code: 'INDICATOR_CELLS_MERGED',
      severity: 'warning',
      path: 'indicators',
      message: '合并',
    };
    const c = content((d) => d.indicators.splice(0, 1));
    expect(findingsOf({ content: c, layoutFindings: [misfit, layout] }, DEFAULT_RULE_SET)).toEqual([
      { ...misfit, path: 'indicators[2].level1' },
      layout,
      expect.objectContaining({ code: 'COST_INDICATOR_MISSING' }),
    ]);
    const gone = content((d) => (d.indicators = d.indicators.filter((i) => i.id !== 'i-3')));
    expect(findingsOf({ content: gone, layoutFindings: [misfit] }, DEFAULT_RULE_SET)).toEqual([
      expect.objectContaining({ code: 'OUTPUT_COVERAGE_INCOMPLETE' }),
    ]);
  });

  it('follow the year’s rule set: a check can be a warning or off', () => {
    const noCost = content((c) => (c.indicators = c.indicators.filter((i) => i.level1 !== '成本指标')));
    const lenient = withOverrides(DEFAULT_RULE_SET, { severities: { COST_INDICATOR_MISSING: 'warning' } });
    expect(codes(noCost, lenient)).toEqual(['COST_INDICATOR_MISSING@indicators:warning']);
    const off = withOverrides(DEFAULT_RULE_SET, { severities: { COST_INDICATOR_MISSING: 'off' } });
    expect(codes(noCost, off)).toEqual([]);
  });

  it('follow the year’s taxonomy and limits (before 2021, 成本 sat under 产出)', () => {
    const before2021 = withOverrides(DEFAULT_RULE_SET, {
      taxonomy: {
        产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
        效益指标: ['社会效益指标'],
        满意度指标: ['服务对象满意度指标'],
      },
      indicatorNameMaxLength: 20,
      severities: { COST_INDICATOR_MISSING: 'off' },
    });
    const old = content((c) => {
      c.indicators[0] = { ...c.indicators[0]!, level1: '产出指标', level2: '成本指标', name: '长'.repeat(21) };
    });
    expect(codes(old, before2021)).toEqual(['INDICATOR_NAME_TOO_LONG@indicators[0].name:blocking']);
  });

  it('cover every check code', () => {
    const all = new Set(Object.keys(DEFAULT_RULE_SET.severities) as CheckCode[]);
    expect([...all].sort()).toEqual([...CHECK_CODES].sort());
  });
});
