import { en } from './messages/en.js';
import { zh } from './messages/zh.js';

/**
 * Words for people, kept as a key and parameters until an answer is written, then rendered in
 * the reader's language: Chinese by default, English on `Accept-Language: en`. The texts live in
 * one catalogue per language (messages/zh.ts, messages/en.ts); codes stay English and stable.
 */
export type Language = 'zh' | 'en';
export type MessageKey = keyof typeof zh;
export type MessageParam = string | number | Text | readonly Text[];
export interface Text {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

/**
 * A plain string is shown as it is in every language: words that are the form's own (a unit's
 * name), or a finding recorded as Chinese text before findings were kept as a key and parameters.
 */
export type Words = Text | string;

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { zh, en };
const LIST_SEPARATOR: Record<Language, string> = { zh: '或', en: ' or ' };

export function say(key: MessageKey, params?: Readonly<Record<string, MessageParam>>): Text {
  return params === undefined ? { key } : { key, params };
}

/** Every key, for tests that hold a feature's texts to a rule. */
export const MESSAGE_KEYS = Object.keys(zh) as readonly MessageKey[];

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

/** The text of `words` in `language`, its parameters filled in (unknown ones left as `{name}`). */
export function render(words: Words, language: Language): string {
  if (typeof words === 'string') return words;
  // Words read back from the log (a finding) may name a key no catalogue holds: shown as the key.
  const template: string | undefined = CATALOGUES[language][words.key];
  if (template === undefined) return words.key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = words.params?.[name];
    if (value === undefined) return whole;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (isTextList(value)) return value.map((item) => render(item, language)).join(LIST_SEPARATOR[language]);
    return render(value, language);
  });
}

function isTextList(value: Text | readonly Text[]): value is readonly Text[] {
  return Array.isArray(value);
}

/** `en` when the caller prefers English to Chinese; Chinese otherwise, also when nothing is said. */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().toLowerCase().split(';');
      const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => (tag.startsWith('zh') || tag.startsWith('en')) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh';
}
