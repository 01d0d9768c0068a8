import { describe, expect, it } from '@jest/globals';
import { CHECK_CODES } from '@app/declarations/domain';
import { FINDING_CODES } from '@app/forms';
import { isMessageKey, MESSAGE_KEYS, render, say } from '@app/platform/messages';

const HAN = /\p{Script=Han}/u;
/** What a text says once the form's own words, quoted “…”, are left out. */
const unquoted = (text: string) => text.replace(/“[^”]*”/gu, '');

// Here, where both the checks and the form reader are in sight: the platform knows neither.
describe('the words of findings', () => {
  it('give every finding code, the checks’ and the reader’s, a Chinese and an English text', () => {
    for (const code of [...CHECK_CODES, ...FINDING_CODES]) {
      const key = `finding.${code}`;
      expect({ key, known: isMessageKey(key) }).toEqual({ key, known: true });
      if (!isMessageKey(key)) continue;
      expect(render(say(key), 'zh')).toMatch(HAN);
      expect(render(say(key), 'en')).not.toBe('');
    }
  });

  it('say English in English, quoting only the form’s own words', () => {
    const keys = MESSAGE_KEYS.filter((key) => key.startsWith('finding.') || key.startsWith('formField.'));
    const chinese = keys.filter((key) => HAN.test(unquoted(render(say(key), 'en'))));
    expect(chinese).toEqual([]);
  });
});
