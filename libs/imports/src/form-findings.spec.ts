import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RULE_SET } from '@app/declarations/domain';
import { render, type Text, type Words } from '@app/platform/messages';
import { findingsOfForm } from './form-content.js';
import { songjiangForms } from './imports.fixtures.js';

const forms = songjiangForms();
/** The form's own words a message quotes: its parameters that are plain text, however deep. */
const quoted = (words: Words): string[] =>
  typeof words === 'string'
    ? [words]
    : Object.values(words.params ?? {}).flatMap((value) =>
        typeof value === 'number' ? [] : Array.isArray(value) ? value.flatMap(quoted) : quoted(value as Text | string),
      );
const seen = (index: number) =>
  findingsOfForm(forms[index - 1]!, DEFAULT_RULE_SET).map(({ severity, code, path }) => `${severity} ${code} ${path}`);

// What the content of the 2025 forms lacks, as the rule set (not the reader) says it: the reader
// reads the forms as printed, the domain's checks judge them.
describe('the checks on the 2025 export', () => {
  it.each([
    [4, 'warning SATISFACTION_INDICATOR_MISSING indicators'], // no 满意度指标 at all
    [18, 'blocking INDICATOR_LEVEL2_MISPLACED indicators[8].level2'], // 社会效益指标 under 产出指标
    [25, 'blocking COST_INDICATOR_MISSING indicators'], // no 成本指标 at all
    [27, 'warning INDICATOR_NAME_DUPLICATE indicators[9].name'], // 工伤鉴定认定执行规范性, 规范 both times
    [27, 'warning INDICATOR_NAME_DUPLICATE indicators[20].name'], // 群众满意度, ≥95% then ≥90%
    [29, 'blocking INDICATOR_TARGET_MISSING indicators[1].target'], // 每场参加培训人数
  ])('find in form %i: %s', (index, finding) => {
    expect(seen(index)).toContain(finding);
  });

  it('say each of them once, after what the reader saw of the layout', () => {
    const form29 = findingsOfForm(forms[28]!, DEFAULT_RULE_SET);
    expect(form29[0]).toMatchObject({ code: 'INDICATOR_LABEL_MISFIT', path: 'indicators[6].level2' });
    expect(form29.filter((f) => f.code === 'INDICATOR_TARGET_MISSING')).toHaveLength(1);
    expect(seen(25).filter((f) => f.includes('COST_INDICATOR_MISSING'))).toHaveLength(1);
  });

  it('word every message from the catalogue: Chinese, and English but for the form’s own words', () => {
    for (const { message } of forms.flatMap((form) => findingsOfForm(form, DEFAULT_RULE_SET))) {
      expect(typeof message).toBe('object');
      expect(render(message, 'zh')).toMatch(/\p{Script=Han}/u);
      const english = quoted(message).reduce((text, own) => text.replaceAll(own, ''), render(message, 'en'));
      expect(english).not.toMatch(/\p{Script=Han}/u);
    }
  });
});
