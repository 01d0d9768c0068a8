import { describe, expect, it } from '@jest/globals';
import { textFault } from './text.js';

describe('what a text may hold', () => {
  it.each([
    ['only zero-width spaces', '\u200B\u200C\u200D\uFEFF', 'name', 'Holds no visible character'],
    ['only a right-to-left override', '\u202E', 'name', 'Contains a bidirectional override character'],
    ['an isolate in a target', '≥90(%)\u2066', 'text', 'Contains a bidirectional override character'],
    ['a bell in a name', '培训\u0007', 'name', 'Contains a control character'],
    ['an escape in a goal', '完成\u001B目标', 'text', 'Contains a control character'],
    ['only spaces and a soft hyphen', '  \u00AD ', 'name', 'Holds no visible character'],
  ] as const)('refuses %s', (_, value, kind, message) => {
    expect(textFault(value, kind)).toBe(message);
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
