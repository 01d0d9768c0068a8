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

// Forms a page break cuts through, written from the file by eye.
const forms = readFormsText(songjiangForms());
const form = (index: number) => forms[index - 1]!;
const YEAR = { year: 2025, plannedStart: '2025-01-01', plannedEnd: '2025-12-31' };

describe('form 27, where a page break splits `社会效益` from its `指标`', () => {
  it('reads its fields, joining the two <p> paragraphs of the goal', () => {
    expect(form(27)).toMatchObject({
      ...YEAR,
      projectName: '工伤鉴定',
      nature: '其他经常性项目',
      category: '特定目标类',
      department: '上海市松江区人力资源和社会保障局',
      implementingUnit: '上海市松江区社会保障服务中心',
      funds: {
        projectTotal: null,
        annualTotal: 63900000,
        currentYearAppropriation: 63900000,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
      annualGoal:
        '确保工伤认定和劳动能力鉴定工作有序开展,相应的法律文书能够及时有效送达单位和职工、使得工伤职工和单位的合法权益' +
        '得到保障。全年案件文书寄送量在18000件左右。劳动能力鉴定费资金使用做到专款专用,确保劳动能力鉴定工作顺利开展,' +
        '维护工伤职工合法权益。完成鉴定案件不少于3300件。计划12个月每月安排专家鉴定25人次,每年安排3次上门服务鉴定,' +
        '每次排派出3人专家团队。',
    });
  });

  it('mends the label, keeps the row after the break, and keeps both repeated names', () => {
    expect(form(27).indicators).toEqual([
      measured(COST, '每份文书邮寄成本', '≤15.00(元)', '≤', 15, '元'),
      measured(COST, '专家人(次)均费用', '≤1194.00(元)', '≤', 1194, '元'),
      measured(QUANTITY, '每月出席鉴定会专家人次', '≥25.00(人次)', '≥', 25, '人次'),
      measured(QUANTITY, '上门鉴定服务次数', '≥3.00(次)', '≥', 3, '次'),
      measured(QUANTITY, '工伤鉴定认定邮寄数', '≥18000.00(件)', '≥', 18000, '件'),
      measured(QUANTITY, '完成鉴定任务件数', '≥3300.00(件)', '≥', 3300, '件'),
      worded(QUANTITY, '工伤鉴定认定执行规范性', '规范'),
      measured(QUALITY, '劳动能力鉴定工作开展政策符合度', '=100.00(%)', '=', 100, '%'),
      measured(QUALITY, '工伤鉴定认定准确送达率', '≥95.00(%)', '≥', 95, '%'),
      worded(QUALITY, '工伤鉴定认定执行规范性', '规范'),
      worded(TIMELINESS, '案件审限时间缩短情况', '缩短'),
      worded(TIMELINESS, '每月鉴定会召开及时性', '及时'),
      worded(TIMELINESS, '上门鉴定服务完成时间', '2025年12月底前'),
      worded(TIMELINESS, '文书发出及时性', '及时'),
      worded(SOCIAL, '保障工伤职工和单位的合法权益', '保障'),
      worded(SOCIAL, '保障有序开展工伤认定和劳动能力鉴定工作', '保障'),
      worded(SOCIAL, '维护工伤职工合法权益', '维护'),
      worded(SUSTAINED, '相关工作规范执行有效性', '有效'),
      worded(SUSTAINED, '专家出席情况统计清单保存完整性', '完整'),
      measured(SATISFACTION, '群众满意度', '≥95.00(%)', '≥', 95, '%'),
      measured(SATISFACTION, '群众满意度', '≥90.00(%)', '≥', 90, '%'),
    ]);
  });
});

describe('form 32, whose annual goal a page break cuts mid-word (认 / 真)', () => {
  it('reads its fields and joins the goal across the break', () => {
    const goal = form(32).annualGoal!;
    expect(form(32)).toMatchObject({
      ...YEAR,
      projectName: '退休干部管理',
      nature: '其他经常性项目',
      category: '其他运转类',
      implementingUnit: '上海市松江区人力资源发展中心（上海市松江区机关事业单位福利事业中心）',
      funds: {
        projectTotal: null,
        annualTotal: 234984250,
        currentYearAppropriation: 234984250,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
    });
    expect(goal.startsWith('（1）完成走访慰问工作，在敬老节和春节慰问本区机关事业单位特困退休人员400人；')).toBe(true);
    expect(goal).toContain('为31位80、90周岁老同志祝寿；');
    expect(goal).toContain('老同志中的25%~30%进行重点走访慰问。');
    expect(goal).toContain('管理政策。（2）对52位区管退休干部小组长发放工作津贴和年终一次性考核奖。（3）组织2名');
    expect(goal).toContain('（7）订阅报刊杂志：2025年订阅报刊杂志1250份。通过多种活动方式');
    expect(
      goal.endsWith('指导和监督各单位认真贯彻落实退休干部管理政策，开展增添正能量活动等。退休干部满意度达到85%。'),
    ).toBe(true);
  });

  it('reads all 33 rows, the ones printed from the first column included', () => {
    expect(form(32).indicators).toEqual([
      measured(COST, '春节特困慰问金成本', '≤1000.00(元/人)', '≤', 1000, '元/人'),
      measured(COST, '敬老节特困慰问金成本', '≤600.00(元/人)', '≤', 600, '元/人'),
      measured(COST, '智力帮扶成本', '≤8800.00(元/人)', '≤', 8800, '元/人'),
      measured(COST, '探望生病住院病人（大病）成本', '≤2000.00(元/人)', '≤', 2000, '元/人'),
      measured(COST, '祝寿80、90周岁老同志成本', '≤1000.00(元/人)', '≤', 1000, '元/人'),
      measured(COST, '区管退休干部春节慰问成本', '≤2000.00(元/人)', '≤', 2000, '元/人'),
      measured(COST, '小组长工作津贴（四个季度）成本', '≤2400.00(元/人)', '≤', 2400, '元/人'),
      measured(COST, '敬老月慰问品（含离休局级）成本', '≤350.00(元/件)', '≤', 350, '元/件'),
      measured(COST, '订阅报刊杂志成本', '≤220.00(元/人)', '≤', 220, '元/人'),
      measured(COST, '“三八”妇女节一日游活动成本', '≤180.00(元/人)', '≤', 180, '元/人'),
      measured(QUANTITY, '春节特困慰问金人数', '≤400.00(人)', '≤', 400, '人'),
      measured(QUANTITY, '敬老节特困慰问金人数', '≤400.00(人)', '≤', 400, '人'),
      measured(QUANTITY, '参与智力帮扶人数', '≤2.00(人)', '≤', 2, '人'),
      measured(QUANTITY, '探望生病住院病人（大病）人数', '≤15.00(人)', '≤', 15, '人'),
      measured(QUANTITY, '祝寿80、90周岁老同志人数', '≤31.00(人)', '≤', 31, '人'),
      measured(QUANTITY, '区管退休干部春节慰问人数', '≤20.00(人)', '≤', 20, '人'),
      measured(QUANTITY, '小组长工作津贴（四个季度）人数', '≤52.00(人)', '≤', 52, '人'),
      measured(QUANTITY, '制作通讯录数量', '≤1250.00(本)', '≤', 1250, '本'),
      measured(QUANTITY, '订阅报刊杂志数量', '≤1250.00(份)', '≤', 1250, '份'),
      measured(QUANTITY, '参加“三八”妇女节一日游活动人数', '≤125.00(人)', '≤', 125, '人'),
      worded(QUALITY, '补贴对象政策符合情况', '符合'),
      worded(QUALITY, '小组活动资金使用合规性', '合规'),
      worded(QUALITY, '资金拨付准确性', '准确'),
      worded(TIMELINESS, '补助款发放及时性', '及时'),
      worded(TIMELINESS, '走访慰问工作开展时间', '2025春节、敬老节'),
      worded(TIMELINESS, '智力帮扶工作开展时间', '2025年4-11月'),
      worded(TIMELINESS, '支付费用及时性', '及时'),
      worded(TIMELINESS, '敬老月慰问品项目开展时间', '敬老节前'),
      worded(TIMELINESS, '通讯录项目开展时间', '2025年11月'),
      worded(SOCIAL, '提升受补群体幸福感', '提升'),
      worded(SOCIAL, '提升区管退休干部幸福感', '提升'),
      measured(SATISFACTION, '受益对象满意度', '≥85.00(%)', '≥', 85, '%'),
      measured(SATISFACTION, '区管退休干部满意度', '≥85.00(%)', '≥', 85, '%'),
    ]);
  });
});
