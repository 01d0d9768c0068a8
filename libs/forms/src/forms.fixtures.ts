// Test support: the real 2025 export (test/fixtures/forms, a copy of shared/forms) and builders for expected rows.
import { readFileSync } from 'node:fs';
import type { Comparator } from '@app/declarations/domain';
import type { ParsedIndicator } from './parsed-form.js';

export function songjiangForms(): string {
  return readFileSync(
    new URL('../../../test/fixtures/forms/2025-songjiang-hrss-declarations.txt', import.meta.url),
    'utf8',
  );
}

type Labels = readonly [level1: string, level2: string];
export const COST: Labels = ['成本指标', '经济成本指标'];
export const QUANTITY: Labels = ['产出指标', '数量指标'];
export const QUALITY: Labels = ['产出指标', '质量指标'];
export const TIMELINESS: Labels = ['产出指标', '时效指标'];
export const SOCIAL: Labels = ['效益指标', '社会效益指标'];
export const SUSTAINED: Labels = ['效益指标', '可持续影响指标'];
export const SATISFACTION: Labels = ['满意度指标', '服务对象满意度指标'];

/** A quantitative row: `≤116.00(元/人/年)` read as ≤, 116, 元/人/年. */
export function measured(
  [level1, level2]: Labels,
  name: string,
  target: string,
  comparator: Comparator,
  value: number,
  unit: string | null,
): ParsedIndicator {
  return { level1, level2, name, target, comparator, value, unit };
}

/** A qualitative row (a word, a deadline, a sentence), or one whose target is missing or unreadable. */
export function worded([level1, level2]: Labels, name: string, target: string | null): ParsedIndicator {
  return { level1, level2, name, target, comparator: null, value: null, unit: null };
}

type Line = readonly string[];
const PROJECT: readonly Line[] = [
  ['财政项目支出绩效目标申报表', '', ''],
  ['(2025 年度)'],
  ['项目名称', '测试项目', '', '项目性质', '其他经常性项目', '项目类别', '其他运转类'],
  ['主管部门', '上海市松江区人力资源和社会保障局', '', '实施单位', '测试单位'],
  ['计划开始日期', '2025-01-01', '', '计划完成日期', '2025-12-31'],
];
const FUNDS: readonly Line[] = [
  ['项目资金（元）', '项目资金总额：', '', '年度资金申请总额：', '', '1,000.00'],
  ['', '其中：财政资金', '', '其中：当年财政拨款', '', '1,000.00'],
  ['', '', '', '上年结转资金', '', '0.00'],
  ['', '其他资金', '', '其他资金', '', '0.00'],
];
const GOALS: readonly Line[] = [
  ['项目绩效目标', '项目总目标', '', '', '年度总体目标'],
  ['', '', '', '', '按时完成。'],
];
const TABLE_HEADER: Line = ['', '一级指标', '二级指标', '三级指标', '', '年度(/项目)指标值'];

/** A small made-up form in the export's layout; pass lines to replace its head, funds or goals. */
export function madeUpForm(
  table: readonly Line[],
  {
    project = PROJECT,
    funds = FUNDS,
    goals = GOALS,
  }: { project?: readonly Line[]; funds?: readonly Line[]; goals?: readonly Line[] } = {},
): string {
  return [...project, ...funds, ...goals, TABLE_HEADER, ...table].map((cells) => cells.join('\t')).join('\n');
}

/**
 * The text bomb: the real first form's head and table heads, then one indicator table of
 * `rows` rows of about 27 bytes (374,000 rows are 9.5 MB, under the upload’s 10 MB).
 */
export function textBomb(rows: number): string {
  const lines = songjiangForms().split('\n');
  const header = lines.findIndex((line) => line.replace(/\s+/gu, '').includes('一级指标'));
  const out = [...lines.slice(0, header + 1), '成本指标\t经济成本指标\t人均成本\t≤116.00(元/人/年)'];
  for (let n = 1; n < rows; n += 1) out.push(`\t指标${n}\t≥1(人次)`);
  return `${out.join('\n')}\n`;
}
