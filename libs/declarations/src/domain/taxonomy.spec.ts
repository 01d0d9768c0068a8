import { describe, expect, it } from '@jest/globals';
import { inTaxonomyOrder, TAXONOMY } from './taxonomy.js';

const row = (label: string, name = label) => {
  const [level1, level2] = label.split('/') as [string, string];
  return { level1, level2, name };
};
const labelsOf = (rows: readonly { level1: string; level2: string; name: string }[]) =>
  rows.map(({ level1, level2, name }) => (name === `${level1}/${level2}` ? name : `${level1}/${level2} ${name}`));

describe('indicators in the taxonomy’s order', () => {
  it('puts level 1 in the taxonomy’s order (成本, 产出, 效益, 满意度), an added 成本指标 included', () => {
    const rows = [
      '产出指标/数量指标',
      '效益指标/社会效益指标',
      '满意度指标/服务对象满意度指标',
      '成本指标/经济成本指标',
    ];
    expect(
      labelsOf(
        inTaxonomyOrder(
          rows.map((label) => row(label)),
          TAXONOMY,
        ),
      ),
    ).toEqual(['成本指标/经济成本指标', '产出指标/数量指标', '效益指标/社会效益指标', '满意度指标/服务对象满意度指标']);
  });

  it('puts level 2 in the taxonomy’s order under its level 1, keeping the order of rows alike', () => {
    const rows = [
      row('产出指标/时效指标', '及时'),
      row('产出指标/数量指标', '人数'),
      row('产出指标/质量指标', '合格率'),
      row('产出指标/数量指标', '次数'),
    ];
    expect(inTaxonomyOrder(rows, TAXONOMY).map(({ name }) => name)).toEqual(['人数', '次数', '合格率', '及时']);
  });

  it('puts labels outside the taxonomy after the known ones of their level 1, in their order', () => {
    const rows = [
      row('效益指标/其他效益', 'a'),
      row('产出指标/社会效益指标', 'b'), // a level 2 of another level 1 (form 18, as printed)
      row('旧指标/数量指标', 'c'),
      row('产出指标/时效指标', 'd'),
      row('效益指标/社会效益指标', 'e'),
      row('产出指标/自定义', 'f'),
      row('另一个/x', 'g'),
      row('成本指标/经济成本指标', 'h'),
    ];
    expect(inTaxonomyOrder(rows, TAXONOMY).map(({ name }) => name)).toEqual(['h', 'd', 'b', 'f', 'e', 'a', 'c', 'g']);
  });

  it('follows the year’s taxonomy: before 2021, 成本 was a level 2 under 产出', () => {
    const before2021 = {
      产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
      效益指标: ['社会效益指标'],
      满意度指标: ['服务对象满意度指标'],
    };
    const rows = ['满意度指标/服务对象满意度指标', '产出指标/成本指标', '效益指标/社会效益指标', '产出指标/数量指标'];
    expect(
      labelsOf(
        inTaxonomyOrder(
          rows.map((label) => row(label)),
          before2021,
        ),
      ),
    ).toEqual(['产出指标/数量指标', '产出指标/成本指标', '效益指标/社会效益指标', '满意度指标/服务对象满意度指标']);
  });

  it('takes a label named like an Object property for an unknown one', () => {
    const rows = [row('constructor/toString', 'x'), row('成本指标/__proto__', 'y'), row('成本指标/经济成本指标', 'z')];
    expect(inTaxonomyOrder(rows, TAXONOMY).map(({ name }) => name)).toEqual(['z', 'y', 'x']);
  });

  it('leaves the rows given untouched', () => {
    const rows = [row('产出指标/数量指标'), row('成本指标/经济成本指标')];
    const copy = [...rows];
    inTaxonomyOrder(rows, TAXONOMY);
    expect(rows).toEqual(copy);
  });
});
