import { describe, expect, it } from '@jest/globals';
import { organisationNameKey } from './name-key.js';

describe('the organisation name key', () => {
  const bureau = '上海市松江区人力资源和社会保障局（本级）';

  it.each([
    ['half-width parentheses', '上海市松江区人力资源和社会保障局(本级)'],
    ['a space inside the parentheses', '上海市松江区人力资源和社会保障局（本 级）'],
    ['an ideographic space and a tab', '上海市松江区\u3000人力资源和社会保障局\t（本级）'],
    ['a zero-width space', '上海市松江区人力资源\u200b和社会保障局（本级）'],
    ['surrounding whitespace and a line break', '  上海市松江区人力资源和社会保障局\n（本级） '],
  ])('matches the printed name despite %s', (_, variant) => {
    expect(organisationNameKey(variant)).toBe(organisationNameKey(bureau));
  });

  it('keeps the characters that tell units apart', () => {
    expect(organisationNameKey(bureau)).toBe('上海市松江区人力资源和社会保障局(本级)');
    expect(organisationNameKey('上海市松江区人力资源和社会保障局')).not.toBe(organisationNameKey(bureau));
  });
});
