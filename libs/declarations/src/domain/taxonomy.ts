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
