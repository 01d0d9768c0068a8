/** The indicator taxonomy (一级指标 → 二级指标) in force since 2021. */
export const LEVEL1 = ['成本指标', '产出指标', '效益指标', '满意度指标'] as const;
export type Level1 = (typeof LEVEL1)[number];

export const TAXONOMY: Readonly<Record<Level1, readonly string[]>> = {
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
  产出指标: ['数量指标', '质量指标', '时效指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

export const LEVEL2: readonly string[] = Object.values(TAXONOMY).flat();

export function isLevel1(value: string): value is Level1 {
  return (LEVEL1 as readonly string[]).includes(value);
}

/** The level 1 a level 2 belongs under, or null for a label outside the taxonomy. */
export function level1Of(level2: string): Level1 | null {
  return LEVEL1.find((level1) => TAXONOMY[level1].includes(level2)) ?? null;
}

/** A year's taxonomy (the rule set's): level 1 → its level 2s, each list in the order the form prints it. */
export type Taxonomy = Readonly<Record<string, readonly string[]>>;

/**
 * `rows` in the taxonomy's order, as the form prints them: level 1 as the taxonomy lists them, each
 * level 2 as listed under its level 1. A label outside the taxonomy (imported forms hold some) goes
 * after the known ones of its level 1, an unknown level 1 after every known one; rows that rank
 * alike keep their order (the sort is stable).
 */
export function inTaxonomyOrder<T extends { level1: string; level2: string }>(
  rows: readonly T[],
  taxonomy: Taxonomy,
): T[] {
  const level1s = Object.keys(taxonomy);
  const rankIn = (labels: readonly string[], label: string) => {
    const at = labels.indexOf(label);
    return at === -1 ? labels.length : at;
  };
  return rows
    .map((row) => {
      const level2s = Object.hasOwn(taxonomy, row.level1) ? taxonomy[row.level1]! : [];
      return { row, rank: [rankIn(level1s, row.level1), rankIn(level2s, row.level2)] as const };
    })
    .sort(({ rank: a }, { rank: b }) => a[0] - b[0] || a[1] - b[1])
    .map(({ row }) => row);
}
