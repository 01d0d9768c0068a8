import { describe, expect, it } from '@jest/globals';
import { cleanText, normaliseLabel, splitLines } from './text-cells.js';

describe('cleaning a cell of the export', () => {
  it.each([
    ['上海市松江区人力 资源和社会保障局', '上海市松江区人力资源和社会保障局'],
    ['2025 年 10 月底前', '2025年10月底前'],
    ['局 WIFI 无线覆盖信息系统建设(运维)人均运维成本', '局WIFI无线覆盖信息系统建设(运维)人均运维成本'],
    ['网络信息系统开发、升级、建设 (历年已批复)', '网络信息系统开发、升级、建设(历年已批复)'],
    ['出于专项活动的需要, 2025 年 9 月底前完成', '出于专项活动的需要,2025年9月底前完成'],
    ['1.提高标准化; 2.提高信息化水平', '1.提高标准化;2.提高信息化水平'],
    ['<p>动态保持在 600 家以上。</p>', '动态保持在600家以上。'],
    ['左右。</p> <p>劳动能力鉴定', '左右。劳动能力鉴定'],
    ['\u3000全角空格\u3000开头', '全角空格开头'],
    ['a&nbsp;&amp;&nbsp;b', 'a&b'],
  ])('%s → %s', (raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
  });

  it('keeps one space between two Latin words or numbers, and only there', () => {
    expect(cleanText('Office  365 升级')).toBe('Office 365升级');
    expect(cleanText('长三角 G60 科创走廊')).toBe('长三角G60科创走廊');
  });

  it('normalises labels the export split or punctuated differently', () => {
    expect(normaliseLabel('经济成本 指标')).toBe('经济成本指标');
    expect(normaliseLabel('满意度指 标')).toBe('满意度指标');
    expect(normaliseLabel('其中: 当年财政拨款')).toBe('当年财政拨款');
    expect(normaliseLabel('项目资金总额：')).toBe('项目资金总额');
    expect(normaliseLabel('项目资金 (元)')).toBe(normaliseLabel('项目资金（元）'));
  });
});

describe('splitting the export into lines of cells', () => {
  it('drops empty cells, so where a cell sits does not matter', () => {
    expect(splitLines('\t项目名称\t\t业务培训\t\r\n\t\t\n绩效 指标\t成本指标')).toEqual([
      ['项目名称', '业务培训'],
      [],
      ['绩效指标', '成本指标'],
    ]);
  });
});
