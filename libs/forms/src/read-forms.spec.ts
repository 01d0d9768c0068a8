import { describe, expect, it } from '@jest/globals';
import { songjiangForms } from './forms.fixtures.js';
import { readFormsText } from './read-forms.js';

// Expectations written from reading the export by eye, form by form.
const OWN = '上海市松江区人力资源和社会保障局（本级）';
const OWN_ASCII = '上海市松江区人力资源和社会保障局(本级)'; // forms 7 and 15 print the brackets half-width
const ARBITRATION = '上海市松江区劳动人事争议仲裁院';
const EMPLOYMENT = '上海市松江区就业促进中心';
const SOCIAL_SECURITY = '上海市松江区社会保障服务中心';
const HR_DEVELOPMENT = '上海市松江区人力资源发展中心（上海市松江区机关事业单位福利事业中心）';
const RUNNING = '其他运转类';
const SPECIFIC = '特定目标类';

/** index, project, unit, category, annual total in fen, indicator rows. */
const FORMS: readonly (readonly [number, string, string, string | null, number, number])[] = [
  [1, '网络信息系统运行与维护', OWN, RUNNING, 38141984, 10],
  [2, '劳动关系共建', OWN, SPECIFIC, 46400000, 12],
  [3, '业务培训', OWN, RUNNING, 4790000, 11],
  [4, '东西部协作和对口支援', OWN, SPECIFIC, 299000000, 12],
  [5, '职业培训', OWN, SPECIFIC, 1267000000, 10],
  [6, '办公场所运行保障', OWN, RUNNING, 41959700, 9],
  [7, '网络信息系统开发、升级、建设(历年已批复)', OWN_ASCII, SPECIFIC, 501000000, 8],
  [8, '人力资源开发', OWN, SPECIFIC, 251000000, 10],
  [9, '事业及非编管理', OWN, RUNNING, 243933300, 11],
  [10, '编外人员工作经费', OWN, SPECIFIC, 222400000, 7],
  [11, '宣传与推广', OWN, RUNNING, 12160000, 10],
  [12, '法律咨询与服务', OWN, SPECIFIC, 15000000, 9],
  [13, '课题与规划', OWN, SPECIFIC, 3000000, 6],
  [14, '辅助业务管理与支持', OWN, RUNNING, 12758000, 21],
  [15, '就业补助(中央)', OWN_ASCII, SPECIFIC, 3088650000, 10],
  [16, '业务培训', ARBITRATION, RUNNING, 820000, 10],
  [17, '宣传与推广', ARBITRATION, RUNNING, 1000000, 9],
  [18, '编外人员工作经费', ARBITRATION, SPECIFIC, 536652000, 13],
  [19, '办公场所运行保障', ARBITRATION, RUNNING, 133519000, 9],
  [20, '辅助业务管理与支持', ARBITRATION, RUNNING, 42105600, 10],
  [21, '辅助业务管理与支持', EMPLOYMENT, RUNNING, 6000000, 9],
  [22, '就业补助', EMPLOYMENT, SPECIFIC, 919340070, 15],
  [23, '公共服务能力建设', EMPLOYMENT, null, 246990000, 18],
  [24, '编外人员工作经费', EMPLOYMENT, SPECIFIC, 385408900, 9],
  [25, '网络信息系统运行与维护', EMPLOYMENT, RUNNING, 28652380, 12],
  [26, '创业补助', EMPLOYMENT, SPECIFIC, 747010000, 13],
  [27, '工伤鉴定', SOCIAL_SECURITY, SPECIFIC, 63900000, 21],
  [28, '编外人员工作经费', SOCIAL_SECURITY, SPECIFIC, 266852540, 7],
  [29, '业务培训', SOCIAL_SECURITY, RUNNING, 1200000, 11],
  [30, '网络信息系统运行与维护', SOCIAL_SECURITY, RUNNING, 665000, 8],
  [31, '编外人员工作经费', HR_DEVELOPMENT, SPECIFIC, 31104600, 8],
  [32, '退休干部管理', HR_DEVELOPMENT, RUNNING, 234984250, 33],
  [33, '辅助业务管理与支持', HR_DEVELOPMENT, RUNNING, 2379280000, 17],
];

describe('reading the 2025 Songjiang export', () => {
  const forms = readFormsText(songjiangForms());

  it('finds all 33 forms, numbered in file order', () => {
    expect(forms.map(({ index }) => index)).toEqual(FORMS.map(([index]) => index));
  });

  it.each(FORMS)('form %i: %s of %s', (index, projectName, unit, category, annualTotal, rows) => {
    const form = forms[index - 1]!;
    expect(form).toMatchObject({ index, projectName, implementingUnit: unit, category });
    expect(form.funds.annualTotal).toBe(annualTotal);
    expect(form.indicators).toHaveLength(rows);
  });

  it('reads the fields every form shares', () => {
    for (const form of forms) {
      expect(form).toMatchObject({
        year: 2025,
        department: '上海市松江区人力资源和社会保障局',
        plannedStart: '2025-01-01',
        plannedEnd: '2025-12-31',
        overallGoal: form.index === 15 ? form.annualGoal : null,
      });
      expect(form.nature).toBe(form.index === 7 ? '其他一次性项目' : '其他经常性项目');
      expect(form.annualGoal).toMatch(/^\S{10,}$/u);
    }
  });

  it('reads the funds split into integer fen, leaving empty cells null', () => {
    const split = (fen: number) => ({ projectTotal: null, currentYearAppropriation: fen, carryOver: 0, otherFunds: 0 });
    const unusual: Record<number, object> = {
      4: { projectTotal: null, currentYearAppropriation: 251000000, carryOver: 0, otherFunds: 48000000 },
      15: { projectTotal: null, currentYearAppropriation: null, carryOver: 3088650000, otherFunds: 0 },
      22: { projectTotal: null, currentYearAppropriation: 906830000, carryOver: 12510070, otherFunds: null },
      26: { projectTotal: null, currentYearAppropriation: 747010000, carryOver: 0, otherFunds: null },
    };
    for (const [index, , , , annualTotal] of FORMS) {
      expect(forms[index - 1]!.funds).toEqual({ annualTotal, ...(unusual[index] ?? split(annualTotal)) });
    }
  });

  it('leaves no export artefacts in any text', () => {
    const texts = forms.flatMap((form) => [
      form.projectName,
      form.implementingUnit,
      form.annualGoal ?? '',
      ...form.indicators.flatMap(({ level1, level2, name, target }) => [level1, level2, name, target ?? '']),
    ]);
    for (const text of texts) expect(text).not.toMatch(/<\/?p>|\s/u);
  });

  it('keeps every level 1 and level 2 inside the taxonomy, as printed', () => {
    const labels = new Set(forms.flatMap((form) => form.indicators.map(({ level1, level2 }) => `${level1}/${level2}`)));
    expect([...labels].sort()).toEqual(
      [
        '产出指标/数量指标',
        '产出指标/时效指标',
        '产出指标/社会效益指标', // form 18, as printed: a finding says why it looks wrong
        '产出指标/质量指标',
        '成本指标/经济成本指标',
        '效益指标/可持续影响指标',
        '效益指标/社会效益指标',
        '满意度指标/服务对象满意度指标',
      ].sort(),
    );
  });
});
