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

// Forms whose rows break across lines or lose cells, written from the file by eye.
const forms = readFormsText(songjiangForms());
const form = (index: number) => forms[index - 1]!;
const OWN = '上海市松江区人力资源和社会保障局（本级）';
const COMMON = {
  year: 2025,
  plannedStart: '2025-01-01',
  plannedEnd: '2025-12-31',
  department: '上海市松江区人力资源和社会保障局',
  nature: '其他经常性项目',
};

describe('form 2, whose 可持续影响 row runs on into the next line', () => {
  it('reads its fields', () => {
    expect(form(2)).toMatchObject({
      ...COMMON,
      projectName: '劳动关系共建',
      category: '特定目标类',
      implementingUnit: OWN,
      funds: {
        projectTotal: null,
        annualTotal: 46400000,
        currentYearAppropriation: 46400000,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
      findings: [],
    });
    expect(form(2).annualGoal).toMatch(/^在全区各类企业开展和谐劳动关系创建活动，.*达标企业动态保持在600家以上。$/u);
  });

  it('reads the next line as a row of its own: it has its own name and target', () => {
    expect(form(2).indicators).toEqual([
      measured(COST, '测评服务费单价', '≤0.08(万元/家)', '≤', 0.08, '万元/家'),
      measured(COST, '评审复审服务费单价', '≤0.05(万元/家)', '≤', 0.05, '万元/家'),
      measured(QUANTITY, '评审复审企业家数', '≥800.00(家)', '≥', 800, '家'),
      measured(QUANTITY, '市级和谐劳动关系新参评企业达标数', '≥80.00(家)', '≥', 80, '家'),
      worded(QUALITY, '合同完整性', '完整'),
      measured(QUALITY, '测评、评审达标率', '≥80.00(%)', '≥', 80, '%'),
      worded(TIMELINESS, '服务响应及时性', '及时'),
      worded(TIMELINESS, '复审招投标工作开展时间', '2025年5-7月'),
      worded(SOCIAL, '和谐劳动关系创建活动参与度提升情况', '提升'),
      worded(SUSTAINED, '推动我区企业建立规范劳动关系的有效性', '推动'),
      worded(SUSTAINED, '相关内控管理制度的持续性', '长效持续'),
      measured(SATISFACTION, '受益对象满意度', '≥85.00(%)', '≥', 85, '%'),
    ]);
  });
});

describe('form 15, with both goals filled and the funds printed out of line', () => {
  const goal =
    '根据《上海市人力资源和社会保障局上海市财政局上海市教育委员会关于实施本市重点群体一次性吸纳就业补贴的通知》' +
    '(沪人社规〔2024〕7号)、《上海市人力资源和社会保障局等五部门关于进一步做好本市毕业生相关就业补贴工作的通知》' +
    '(沪人社规〔2023〕22号)和《关于印发〔关于全面推行企业新型学徒制的实施办法〕的通知》(沪人社职〔2019〕92号)' +
    '等文件,落实稳岗保就业补贴、新型学徒制培训等政策。';

  it('reads its fields: no appropriation, the whole amount carried over (30886500.00 unseparated)', () => {
    expect(form(15)).toMatchObject({
      ...COMMON,
      projectName: '就业补助(中央)',
      category: '特定目标类',
      implementingUnit: '上海市松江区人力资源和社会保障局(本级)',
      funds: {
        projectTotal: null,
        annualTotal: 3088650000,
        currentYearAppropriation: null,
        carryOver: 3088650000,
        otherFunds: 0,
      },
      overallGoal: goal,
      annualGoal: goal,
      findings: [],
    });
  });

  it('reads a sentence as a qualitative target and `≥1500人次` as quantitative', () => {
    expect(form(15).indicators).toEqual([
      measured(COST, '重点群体一次性吸纳就业补贴人均成本', '=2000(元/人)', '=', 2000, '元/人'),
      measured(COST, '大学生求职创业补贴补贴人均成本', '=1000(元/人)', '=', 1000, '元/人'),
      worded(
        COST,
        '录用高校毕业生社保补贴人均成本',
        '按照缴费当月职工社保缴费基数下限计算的用人单位缴纳社会保险费的50%',
      ),
      measured(QUANTITY, '重点群体一次性吸纳就业补贴补贴发放人次', '≥1500人次', '≥', 1500, '人次'),
      measured(QUANTITY, '大学生求职创业补贴补贴发放人次', '≥1000人次', '≥', 1000, '人次'),
      measured(QUANTITY, '录用高校毕业生社保补贴发放人次', '≥500人次', '≥', 500, '人次'),
      worded(QUALITY, '发放补贴是否符合规定', '是'),
      worded(TIMELINESS, '发放补贴及时性', '及时'),
      worded(SOCIAL, '是否帮助用人单位吸纳重点群体', '是'),
      measured(SATISFACTION, '补贴对象满意度', '≥85%', '≥', 85, '%'),
    ]);
  });
});

describe('form 29, whose first quantity row lost its target to the line break', () => {
  it('reads its fields', () => {
    expect(form(29)).toMatchObject({
      ...COMMON,
      projectName: '业务培训',
      category: '其他运转类',
      implementingUnit: '上海市松江区社会保障服务中心',
      funds: {
        projectTotal: null,
        annualTotal: 1200000,
        currentYearAppropriation: 1200000,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
      annualGoal:
        '在预算范围内实施培训,达到提升企业和从业人员政策知晓率及宣传普及工伤保险政策的良好培训效果。' +
        '计划举办3场,每场参加培训人数约120人。',
    });
  });

  it('keeps the row without a target and reads the next line as its own row', () => {
    expect(form(29).indicators).toEqual([
      measured(COST, '人均培训成本', '≤33.00(元)', '≤', 33, '元'),
      worded(QUANTITY, '每场参加培训人数', null),
      measured(QUANTITY, '计划举办培训场次', '=3.00(场)', '=', 3, '场'),
      measured(QUALITY, '培训内容计划符合度', '=100.00(%)', '=', 100, '%'),
      measured(QUALITY, '工伤保险政策培训覆盖率', '≥95.00(%)', '≥', 95, '%'),
      measured(QUALITY, '参训人员出勤率', '≥80.00(%)', '≥', 80, '%'),
      worded(SOCIAL, '业务培训开展及时性', '及时'),
      measured(SOCIAL, '政策知晓度', '≥95.00(%)', '≥', 95, '%'),
      worded(SUSTAINED, '企业和职工的工伤预防意识和合法维权意识提升情况', '提升'),
      worded(SUSTAINED, '长效管理制度执行有效性', '有效'),
      measured(SATISFACTION, '参训人员满意度', '≥95.00(%)', '≥', 95, '%'),
    ]);
  });
});
