import { describe, expect, it } from '@jest/globals';
import type { DeclarationView } from '@app/declarations';
import { attachmentOf, fileNameOf, formSheetOf } from './form-sheet-of.js';

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
  state: 'draft',
  revision: 1,
  opinions: {},
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
      indicators: [{ level1: '产出指标', level2: '数量指标', name: '发放人数', target: '≥1500人次', opinion: null }],
      mark: '草稿',
    });
  });

  it('gives each row the reviewers’ opinions, with the stage and the reviewer, for the 审核意见 column', () => {
    const by = { id: 'u1', name: '王审核' };
    const opinions = {
      i1: [
        { opinion: '人数偏少', stage: 'departmental_review', action: 'return', by, at: '2025-03-04T02:00:00Z' },
        { opinion: '同意', stage: 'bureau_signoff', action: 'approve', by: { id: 'u2', name: '李局' }, at: '…' },
      ],
    };
    const [row] = formSheetOf({ ...view, opinions } as unknown as DeclarationView).indicators;
    expect(row!.opinion).toBe('主管部门审核（王审核）：人数偏少\n局领导审签（李局）：同意');
  });

  it('marks it by its state and revision until it is confirmed', () => {
    const markOf = (state: string, revision: number) =>
      formSheetOf({ ...view, state, revision } as DeclarationView).mark;
    expect([markOf('bureau_signoff', 1), markOf('draft', 3), markOf('confirmed', 2)]).toEqual([
      '审核中',
      '第2次调整（草稿）',
      null,
    ]);
  });

  it('names the file <unit>-<year>-<project>, with ids for clients that read no Chinese', () => {
    const unit = view.unit;
    expect(fileNameOf(unit, 2025, { id: 'd-1', name: '就业补助' })).toEqual({
      name: '上海市松江区就业促进中心-2025-就业补助',
      ascii: 'sj-hrss-employment-2025-d-1',
    });
    expect(fileNameOf(unit, 2025)).toEqual({
      name: '上海市松江区就业促进中心-2025-绩效目标申报表',
      ascii: 'sj-hrss-employment-2025-forms',
    });
  });

  it('keeps what no file system takes out of the name, and the name within 80 characters', () => {
    const unit = { id: 'unit "1"', name: '中心' };
    expect(fileNameOf(unit, 2025, { id: 'x', name: 'a/b\\c:d*e?"f<g>h|i\u0001' })).toEqual({
      name: '中心-2025-a_b_c_d_e__f_g_h_i_',
      ascii: 'unit__1_-2025-x',
    });
    expect([...fileNameOf(unit, 2025, { id: 'x', name: '项'.repeat(200) }).name]).toHaveLength(80);
  });

  it('encodes the file name for Content-Disposition, brackets and apostrophes too, after its ASCII stand-in', () => {
    expect(attachmentOf({ name: "就业补助(中央)'s", ascii: 'u-2025-d' })).toBe(
      'attachment; filename="u-2025-d.xlsx"; ' +
        "filename*=UTF-8''%E5%B0%B1%E4%B8%9A%E8%A1%A5%E5%8A%A9%28%E4%B8%AD%E5%A4%AE%29%27s.xlsx",
    );
  });
});
