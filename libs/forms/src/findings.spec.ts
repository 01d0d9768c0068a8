import { describe, expect, it } from '@jest/globals';
import { render } from '@app/platform/messages';
import { songjiangForms } from './forms.fixtures.js';
import { readFormsText } from './read-forms.js';

const forms = readFormsText(songjiangForms());
const seen = (index: number) =>
  forms[index - 1]!.findings.map(({ severity, code, path }) => `${severity} ${code} ${path}`).sort();

// What the printed layout tells a reviewer, per form, as found by reading the export by eye. What
// the content lacks (a cost indicator, a target) is the rule set's: see libs/imports form-findings.spec.ts.
const EXPECTED: Readonly<Record<number, readonly string[]>> = {
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
  26: [
    'warning INDICATOR_LEVEL1_CELL_MISLABELLED indicators[5].level1', // 质量指标 | 质量指标
    'warning INDICATOR_LABEL_MISFIT indicators[7].level2', // 各项补贴发放及时性 under 质量指标
  ],
  29: ['warning INDICATOR_LABEL_MISFIT indicators[6].level2'], // 业务培训开展及时性 under 社会效益指标
};

describe('findings on the 2025 export', () => {
  it.each(forms.map(({ index }) => index))('form %i gets exactly the findings a reviewer needs', (index) => {
    expect(seen(index)).toEqual([...(EXPECTED[index] ?? [])].sort());
  });

  it('leaves a row under the wrong labels as printed, for the rule set to judge', () => {
    expect(forms[17]!.indicators[8]).toMatchObject({ level1: '产出指标', level2: '社会效益指标' });
    expect(forms[28]!.indicators[1]).toMatchObject({ name: '每场参加培训人数', target: null });
  });

  it('words every message from the catalogue, Chinese by default (English: libs/imports form-findings.spec.ts)', () => {
    for (const { message } of forms.flatMap(({ findings }) => findings)) {
      expect(render(message, 'zh')).toMatch(/\p{Script=Han}/u);
    }
  });
});
