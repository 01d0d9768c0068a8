import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, ERROR_CODES } from './errors.js';
import { languageOf, render, say, type MessageKey } from './messages.js';
import { en } from './messages/en.js';
import { zh } from './messages/zh.js';

const HAN = /\p{Script=Han}/u;
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('the message catalogues', () => {
  it('give every error code the service can produce a Chinese and an English text', () => {
    for (const code of ERROR_CODES) {
      const error = new AppError(code);
      expect(render(error.text, 'zh')).toMatch(HAN);
      expect(render(error.text, 'en')).not.toBe('');
    }
  });

  it('hold the same keys, each Chinese text in Chinese, with the same placeholders in both', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as MessageKey[]) {
      expect({ key, han: HAN.test(zh[key]) }).toEqual({ key, han: true });
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(zh[key]) });
    }
  });

  it('fill parameters, texts within texts and lists, in the reader’s language', () => {
    const text = say('auth.roleMayNot', {
      role: say('role.auditor'),
      allowed: [say('role.admin'), say('role.preparer')],
    });
    expect(render(text, 'zh')).toBe('您的角色（审计人员）不能执行此操作，需要：管理员或填报人');
    expect(render(text, 'en')).toBe('Your role (auditor) may not do this: it needs admin or preparer');
    expect(render('三级指标“培训人数”没有年度指标值', 'en')).toBe('三级指标“培训人数”没有年度指标值');
  });

  it('answer in Chinese unless English is preferred', () => {
    expect(languageOf(undefined)).toBe('zh');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(languageOf('en;q=0.5,zh;q=0.8')).toBe('zh');
    expect(languageOf('fr')).toBe('zh');
    expect(languageOf('fr,en;q=0.1')).toBe('en');
  });
});

/** Where words for people are written: every one must come from the catalogue, not a literal. */
describe('the code that refuses', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'web' ? [] : sources(path);
      return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
    });

  it('builds no AppError, field error or finding from a literal text', () => {
    const literal = /new AppError\(\s*'[A-Z_]+',\s*[`'"]|message:\s*[`'"]/;
    const offenders = [...sources(join(root, 'apps')), ...sources(join(root, 'libs'))].filter((path) =>
      literal.test(readFileSync(path, 'utf8')),
    );
    expect(offenders.map((path) => path.slice(root.length + 1))).toEqual([]);
  });
});
