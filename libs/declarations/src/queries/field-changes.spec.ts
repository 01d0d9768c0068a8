import { describe, expect, it } from '@jest/globals';
import type { DeclarationContent } from '../domain/index.js';
import { contentChanges } from './field-changes.js';

function content(): DeclarationContent {
  return {
    year: 2025,
    projectName: '网络信息系统运行与维护',
    nature: '其他经常性项目',
    category: null,
    plannedStart: '2025-01-01',
    plannedEnd: null,
    overallGoal: null,
    annualGoal: '系统正常运行',
    funds: {
      projectTotal: null,
      annualTotal: 38141984,
      currentYearAppropriation: 38141984,
      carryOver: 0,
      otherFunds: 0,
    },
    indicators: [
      { id: 'a', level1: '成本指标', level2: '经济成本指标', name: '人均运维成本', target: '≤116.00(元/人/年)' },
      { id: 'b', level1: '产出指标', level2: '数量指标', name: '巡检次数', target: '≥4(次)' },
      { id: 'c', level1: '产出指标', level2: '时效指标', name: '运维完成及时', target: '及时' },
    ],
  };
}

describe('the field changes between two contents', () => {
  it('finds none between equal contents', () => {
    expect(contentChanges(content(), content())).toEqual([]);
  });

  it('lists everything a draft started with when diffing from nothing, money in yuan', () => {
    const changes = contentChanges(null, content());
    expect(changes.map((c) => c.field)).toEqual([
      'year',
      'projectName',
      'nature',
      'plannedStart',
      'funds.annualTotal',
      'funds.currentYearAppropriation',
      'funds.carryOver',
      'funds.otherFunds',
      'annualGoal',
      'indicators[a]',
      'indicators[b]',
      'indicators[c]',
    ]);
    expect(changes).toContainEqual({ field: 'funds.annualTotal', before: null, after: 381419.84 });
    expect(changes).toContainEqual({ field: 'funds.carryOver', before: null, after: 0 });
  });

  it('names each changed field in the glossary’s terms', () => {
    const after = content();
    after.projectName = '网络信息系统运维';
    after.funds.carryOver = 100;
    after.funds.annualTotal = 38142084;
    after.annualGoal = null;
    after.indicators[1] = { ...after.indicators[1]!, target: '≥6(次)' };
    expect(contentChanges(content(), after)).toEqual([
      { field: 'projectName', before: '网络信息系统运行与维护', after: '网络信息系统运维' },
      { field: 'funds.annualTotal', before: 381419.84, after: 381420.84 },
      { field: 'funds.carryOver', before: 0, after: 1 },
      { field: 'annualGoal', before: '系统正常运行', after: null },
      { field: 'indicators[b].target', before: '≥4(次)', after: '≥6(次)' },
    ]);
  });

  it('matches indicators by id: a removal is one change, not a renaming of every later row', () => {
    const before = content();
    const after = content();
    after.indicators.shift();
    after.indicators.push({
      id: 'd',
      level1: '效益指标',
      level2: '社会效益指标',
      name: '辅助业务办理',
      target: '有效',
    });
    expect(contentChanges(before, after)).toEqual([
      { field: 'indicators[a]', before: before.indicators[0], after: null },
      { field: 'indicators[d]', before: null, after: after.indicators[2] },
    ]);
  });
});
