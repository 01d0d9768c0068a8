import { describe, expect, it } from '@jest/globals';
import { songjiangForms } from './forms.fixtures.js';
import { readFormsText } from './read-forms.js';

const forms = readFormsText(songjiangForms());
const seen = (index: number) =>
  forms[index - 1]!.findings.map(({ severity, code, path }) => `${severity} ${code} ${path}`).sort();

// What a reviewer should look at, per form, as found by reading the export by eye.
const EXPECTED: Readonly<Record<number, readonly string[]>> = {
  4: ['warning SATISFACTION_INDICATOR_MISSING indicators'], // no 满意度指标 at all
  14: [
    'warning INDICATOR_LABEL_MISFIT indicators[11].level2', // 系统运行完好率 under 时效指标
    'warning INDICATOR_LABEL_MISFIT indicators[14].level2', // 资金支付完成时间 under 社会效益指标
    'warning INDICATOR_LABEL_MISFIT indicators[15].level2', // 项目完成及时性 under 社会效益指标
    'warning INDICATOR_LABEL_MISFIT indicators[16].level1', // 促进案结事了 under 满意度指标
    'warning INDICATOR_LABEL_MISFIT indicators[17].level1', // 档案安全保护… under 满意度指标
  ],
  18: [
    'warning INDICATOR_LABEL_MISFIT indicators[6].level2', // 工作完成及时 under 质量指标
    'warning INDICATOR_LABEL_MISFIT indicators[7].level2', // …招录与计划相符 under 时效指标
    'blocking INDICATOR_LEVEL2_MISPLACED indicators[8].level2', // 社会效益指标 under 产出指标
    'warning INDICATOR_LABEL_MISFIT indicators[10].level2', // 考核机制建立健全 under 社会效益指标
  ],
  19: [
    'warning INDICATOR_LABEL_MISFIT indicators[5].level2', // 项目完成及时性 under 社会效益指标
    'warning INDICATOR_LABEL_MISFIT indicators[7].level2', // 长效管理制度执行有效性 under 社会效益指标
  ],
  20: ['warning INDICATOR_LABEL_MISFIT indicators[8].level1'], // 长效管理制度执行有效性 under 满意度指标
  21: ['warning INDICATOR_LABEL_MISFIT indicators[4].level2'], // 服务响应及时性 under 社会效益指标
  23: [
    'warning CATEGORY_MISSING category',
    'warning INDICATOR_LABEL_MISFIT indicators[12].level2', // 有效提升创业培训学员创业能力 under 时效指标
    'warning INDICATOR_LABEL_MISFIT indicators[15].level2', // 长效管理制度健全性 under 社会效益指标
  ],
  25: ['blocking COST_INDICATOR_MISSING indicators'], // no 成本指标 at all
  26: [
    'warning INDICATOR_LEVEL1_CELL_MISLABELLED indicators[5].level1', // 质量指标 | 质量指标
    'warning INDICATOR_LABEL_MISFIT indicators[7].level2', // 各项补贴发放及时性 under 质量指标
  ],
  27: [
    'warning INDICATOR_NAME_DUPLICATE indicators[9].name', // 工伤鉴定认定执行规范性, 规范 both times
    'warning INDICATOR_NAME_DUPLICATE indicators[20].name', // 群众满意度, ≥95% then ≥90%
  ],
  29: [
    'blocking INDICATOR_TARGET_MISSING indicators[1].target', // 每场参加培训人数
    'warning INDICATOR_LABEL_MISFIT indicators[6].level2', // 业务培训开展及时性 under 社会效益指标
  ],
};

describe('findings on the 2025 export', () => {
  it.each(forms.map(({ index }) => index))('form %i gets exactly the findings a reviewer needs', (index) => {
    expect(seen(index)).toEqual([...(EXPECTED[index] ?? [])].sort());
  });

  it('explains in Chinese why a level 2 under the wrong level 1 looks wrong', () => {
    expect(forms[17]!.findings).toContainEqual({
      code: 'INDICATOR_LEVEL2_MISPLACED',
      severity: 'blocking',
      path: 'indicators[8].level2',
      message: '二级指标“社会效益指标”属于一级指标“效益指标”，却列在“产出指标”下（表上如此印制，可能是合并单元格错位）',
    });
  });

  it('tells a repeated indicator with the same target from one with another target', () => {
    const messages = forms[26]!.findings.map(({ message }) => message);
    expect(messages).toEqual([
      '三级指标“工伤鉴定认定执行规范性”与第7个指标（indicators[6]）重名，指标值也相同',
      '三级指标“群众满意度”与第20个指标（indicators[19]）重名，指标值不同（“≥95.00(%)”）',
    ]);
  });

  it('says what is missing where a row lost its target', () => {
    expect(forms[28]!.findings[0]).toEqual({
      code: 'INDICATOR_TARGET_MISSING',
      severity: 'blocking',
      path: 'indicators[1].target',
      message: '三级指标“每场参加培训人数”没有年度指标值',
    });
  });

  it('writes every message in Chinese', () => {
    for (const { message } of forms.flatMap(({ findings }) => findings)) expect(message).toMatch(/\p{Script=Han}/u);
  });
});
