import { describe, expect, it } from '@jest/globals';
import type { DeclarationView } from '@app/declarations';
import { attachmentOf, formSheetOf } from './form-sheet-of.js';

const view = {
  year: 2025,
  projectName: '就业补助',
  nature: '其他经常性项目',
  category: null,
  plannedStart: null,
  plannedEnd: '2025-12-31',
  unit: { id: 'sj-hrss-employment', name: '上海市松江区就业促进中心' },
  department: { id: 'sj-hrss', name: '上海市松江区人力资源和社会保障局' },
  funds: {
    projectTotal: null,
    annualTotal: 9193400.7,
    currentYearAppropriation: 0.29,
    carryOver: -0.07,
    otherFunds: 0,
  },
  overallGoal: null,
  annualGoal: '按时发放。',
  indicators: [
    {
      id: 'i1',
      level1: '产出指标',
      level2: '数量指标',
      name: '发放人数',
      target: '≥1500人次',
      parsedTarget: { kind: 'quantitative', comparator: '≥', value: 1500, unit: '人次' },
    },
  ],
} as unknown as DeclarationView;

describe('a declaration as the official form', () => {
  it('names its unit and department and gives the money back in exact fen', () => {
    expect(formSheetOf(view)).toEqual({
      year: 2025,
      projectName: '就业补助',
      nature: '其他经常性项目',
      category: null,
      department: '上海市松江区人力资源和社会保障局',
      implementingUnit: '上海市松江区就业促进中心',
      plannedStart: '',
      plannedEnd: '2025-12-31',
      funds: { projectTotal: null, annualTotal: 919340070, currentYearAppropriation: 29, carryOver: -7, otherFunds: 0 },
      overallGoal: null,
      annualGoal: '按时发放。',
      indicators: [{ level1: '产出指标', level2: '数量指标', name: '发放人数', target: '≥1500人次' }],
    });
  });

  it('encodes the file name for Content-Disposition, brackets and apostrophes too', () => {
    expect(attachmentOf("就业补助(中央)'s")).toBe(
      "attachment; filename*=UTF-8''%E5%B0%B1%E4%B8%9A%E8%A1%A5%E5%8A%A9%28%E4%B8%AD%E5%A4%AE%29%27s.xlsx",
    );
  });
});
