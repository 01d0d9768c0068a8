import { describe, expect, it } from '@jest/globals';
import {
  COST,
  measured,
  QUALITY,
  QUANTITY,
  SATISFACTION,
  SOCIAL,
  songjiangForms,
  SUSTAINED,
  TIMELINESS,
  worded,
} from './forms.fixtures.js';
import { readFormsText } from './read-forms.js';

// Every field and row of the forms whose tables the export mangled most, written from the file by eye.
const forms = readFormsText(songjiangForms());
const form = (index: number) => forms[index - 1]!;
const OWN = '上海市松江区人力资源和社会保障局（本级）';
const BUREAU = '上海市松江区人力资源和社会保障局';
const YEAR = { year: 2025, plannedStart: '2025-01-01', plannedEnd: '2025-12-31', department: BUREAU };

describe('form 3, whose level-1/level-2 cells wander between columns from row to row', () => {
  it('reads its fields', () => {
    expect(form(3)).toMatchObject({
      ...YEAR,
      projectName: '业务培训',
      nature: '其他经常性项目',
      category: '其他运转类',
      implementingUnit: OWN,
      funds: {
        projectTotal: null,
        annualTotal: 4790000,
        currentYearAppropriation: 4790000,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
      annualGoal:
        '以“和谐同行”能力提升三年行动计划为契机，结合和谐劳动关系创建活动，实施劳动关系协调员能力提升计划、' +
        '创先争优引领计划(培育优秀调解组织)和企业用工指导计划，积极防范化解劳动关系领域矛盾风险，维护劳动者合法权益，' +
        '促进企业健康发展，构建和谐劳动关系。',
      findings: [],
    });
  });

  it('reads every row by its cells, not its columns', () => {
    expect(form(3).indicators).toEqual([
      measured(COST, '培训课时单价成本', '≤0.15(万元/课时)', '≤', 0.15, '万元/课时'),
      measured(QUANTITY, '政策培训和服务指导企业数量', '≥500.00(家)', '≥', 500, '家'),
      measured(QUANTITY, '基层劳动关系协调员培训场次', '≥2.00(场)', '≥', 2, '场'),
      measured(QUANTITY, '企业培训活动开展场次', '≥2.00(场)', '≥', 2, '场'),
      worded(QUALITY, '培训计划完整性', '完整'),
      worded(QUALITY, '资金使用合规性', '合规'),
      worded(TIMELINESS, '基层劳动关系协调员培训开展时间', '2025年10月底前'),
      worded(TIMELINESS, '企业培训活动开展时间', '2025年10月底前'),
      worded(SOCIAL, '劳动关系矛盾调处成功率提升情况', '提升'),
      worded(SUSTAINED, '培训宣传制度建立健全性', '建立健全'),
      measured(SATISFACTION, '培训对象满意度', '≥85.00(%)', '≥', 85, '%'),
    ]);
  });
});

describe('form 14, whose lower labels sit a few rows off their indicators', () => {
  it('reads its fields', () => {
    expect(form(14)).toMatchObject({
      ...YEAR,
      projectName: '辅助业务管理与支持',
      nature: '其他经常性项目',
      category: '其他运转类',
      implementingUnit: OWN,
      funds: {
        projectTotal: null,
        annualTotal: 12758000,
        currentYearAppropriation: 12758000,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
      annualGoal: '项目按要求完并及时足额支付资金等。',
    });
  });

  it('keeps the rows under the labels as printed', () => {
    expect(form(14).indicators).toEqual([
      measured(COST, '办案补助（普通案件）成本', '≤500.00(元/件)', '≤', 500, '元/件'),
      measured(COST, '办案补助（复杂案件）成本', '≤1000.00(元/件)', '≤', 1000, '元/件'),
      measured(COST, '慧卷宗存储系统（119组）单位成本', '≤2467.00(元/组)', '≤', 2467, '元/组'),
      measured(COST, '普通案件支付单位成本', '=0.05(万元)', '=', 0.05, '万元'),
      measured(QUANTITY, '委托案件调解数量', '=50.00(件)', '=', 50, '件'),
      measured(QUANTITY, '智慧卷宗存储系统组数', '=119.00(组)', '=', 119, '组'),
      measured(QUANTITY, '档案搬迁总量', '≥10.00(万份)', '≥', 10, '万份'),
      measured(QUALITY, '补贴案件调解成功率', '≥95.00(%)', '≥', 95, '%'),
      measured(QUALITY, '劳动争议案件综合调解率', '≥68.00(%)', '≥', 68, '%'),
      measured(QUALITY, '劳动争议仲裁结案率', '≥92.00(%)', '≥', 92, '%'),
      worded(QUALITY, '资金使用合规性', '合规'),
      measured(TIMELINESS, '系统运行完好率', '=100.00(%)', '=', 100, '%'),
      worded(TIMELINESS, '案件结案时间', '按期结案'),
      worded(TIMELINESS, '项目完成时间', '2025年3月底'),
      worded(SOCIAL, '资金支付完成时间', '2025年11月'),
      worded(SOCIAL, '项目完成及时性', '及时'),
      worded(SATISFACTION, '促进案结事了', '提高'),
      worded(SATISFACTION, '档案安全保护对人社发展的促进作用', '提升'),
      measured(SATISFACTION, '劳资双方服务满意度', '≥85.00(%)', '≥', 85, '%'),
      measured(SATISFACTION, '受益对象满意度', '≥85.00(%)', '≥', 85, '%'),
      measured(SATISFACTION, '服务对象满意度', '≥90.00(%)', '≥', 90, '%'),
    ]);
  });
});

describe('form 18, where a 社会效益 row is printed before its 效益指标 label', () => {
  it('reads its fields', () => {
    expect(form(18)).toMatchObject({
      ...YEAR,
      projectName: '编外人员工作经费',
      nature: '其他经常性项目',
      category: '特定目标类',
      implementingUnit: '上海市松江区劳动人事争议仲裁院',
      funds: {
        projectTotal: null,
        annualTotal: 536652000,
        currentYearAppropriation: 536652000,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
      annualGoal: '书记员完成庭审记录、文书处理、数据统计及其他辅助工作;窗口接待人员完成当事人的接待、案件受理等工作。',
    });
  });

  it('keeps that row under 产出指标, as the layout says', () => {
    expect(form(18).indicators).toEqual([
      measured(COST, '福利费成本', '=360.00(元/人/月)', '=', 360, '元/人/月'),
      measured(COST, '聘用辅助人员工资成本', '=118400.00(元/人/年)', '=', 118400, '元/人/年'),
      measured(COST, '伙食补助成本', '=400.00(元/人/月)', '=', 400, '元/人/月'),
      measured(QUANTITY, '编外人员数量', '=30.00(人)', '=', 30, '人'),
      measured(QUANTITY, '到岗率', '=100.00(%)', '=', 100, '%'),
      worded(QUALITY, '录用人员资质与计划相符', '相符'),
      worded(QUALITY, '工作完成及时', '及时'),
      worded(TIMELINESS, '当年度编外人员招录与计划相符', '相符'),
      worded(['产出指标', '社会效益指标'], '仲裁调解工作服务水平提升', '提升'),
      worded(SOCIAL, '仲裁调解工作效率提升', '提升'),
      worded(SOCIAL, '考核机制建立健全', '健全'),
      worded(SUSTAINED, '长效管理制度健全性', '健全'),
      measured(SATISFACTION, '仲裁案件服务对象满意度', '≥90.00(%)', '≥', 90, '%'),
    ]);
  });
});

describe('form 26, which prints 质量指标 in the level-1 column', () => {
  it('reads its fields, the empty 其他资金 as null', () => {
    expect(form(26)).toMatchObject({
      ...YEAR,
      projectName: '创业补助',
      nature: '其他经常性项目',
      category: '特定目标类',
      implementingUnit: '上海市松江区就业促进中心',
      funds: {
        projectTotal: null,
        annualTotal: 747010000,
        currentYearAppropriation: 747010000,
        carryOver: 0,
        otherFunds: null,
      },
      overallGoal: null,
    });
    expect(form(26).annualGoal).toMatch(
      /^2025年预计完成初创期创业组织创业场地房租补贴不少于5家、.*提高创新创业活跃度。$/u,
    );
  });

  it('keeps the level 1 from the group above', () => {
    expect(form(26).indicators).toEqual([
      measured(COST, '创业开办费补贴一次性投入', '=8000.00(元/家)', '=', 8000, '元/家'),
      measured(QUANTITY, '创业场地房租补贴完成数', '≥5.00(家)', '≥', 5, '家'),
      measured(QUANTITY, '创业担保贷款利息补贴完成数', '≥32.00(家)', '≥', 32, '家'),
      measured(QUANTITY, '孵化示范基地评估运营补贴计划完成数', '≥11.00(家)', '≥', 11, '家'),
      measured(QUANTITY, '创业开办费补贴计划完成数', '≥6.00(家)', '≥', 6, '家'),
      measured(QUALITY, '各项补贴政策符合度', '=100.00(%)', '=', 100, '%'),
      worded(QUALITY, '各项补贴发放准确性', '准确'),
      worded(QUALITY, '各项补贴发放及时性', '及时'),
      worded(SOCIAL, '改善企业资金周转问题', '改善'),
      worded(SOCIAL, '提高创新创业活跃度', '提高'),
      worded(SUSTAINED, '长效管理制度健全性', '健全'),
      worded(SUSTAINED, '长效管理制度执行力', '有效'),
      measured(SATISFACTION, '创业补贴申请对象满意度', '≥85.00(%)', '≥', 85, '%'),
    ]);
  });
});
