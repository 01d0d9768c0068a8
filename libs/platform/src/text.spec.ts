import { describe, expect, it } from '@jest/globals';
import { textFault } from './text.js';

describe('what a text may hold', () => {
  it.each([
    ['only zero-width spaces', '\u200B\u200C\u200D\uFEFF', 'name', 'field.noVisibleCharacter'],
    ['only a right-to-left override', '\u202E', 'name', 'field.bidiControl'],
    ['an isolate in a target', '≥90(%)\u2066', 'text', 'field.bidiControl'],
    ['a bell in a name', '培训\u0007', 'name', 'field.controlCharacter'],
    ['an escape in a goal', '完成\u001B目标', 'text', 'field.controlCharacter'],
    ['only spaces and a soft hyphen', '  \u00AD ', 'name', 'field.noVisibleCharacter'],
  ] as const)('refuses %s', (_, value, kind, message) => {
    expect(textFault(value, kind)?.key).toBe(message);
  });

  it.each([
    ['a Chinese name', '人均运维成本', 'name'],
    ['a goal over several lines, with tabs', '一、完成培训\n\t二、提升满意度', 'text'],
    ['a target with full-width signs', '≥85.00(%)', 'text'],
    ['a project name wrapped over two lines', '劳动关系\n共建', 'name'],
    ['an emoji with a joiner', '👩‍💻', 'name'],
  ] as const)('keeps %s', (_, value, kind) => {
    expect(textFault(value, kind)).toBeNull();
  });
});
