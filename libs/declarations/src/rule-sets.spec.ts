import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleSets } from './rule-sets.js';

function directoryWith(files: Record<string, unknown>): string {
  const directory = mkdtempSync(join(tmpdir(), 'pta-checks-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), JSON.stringify(content));
  return directory;
}

describe('the grades of departmental review (评审等级) per budget year', () => {
  it('are 优 / 良 / 中 / 差 in the shipped files and for a year without one', () => {
    const shipped = RuleSets.fromDirectory(join(process.cwd(), 'config/checks'));
    expect(shipped.forYear(2025).grades).toEqual(['优', '良', '中', '差']);
    expect(shipped.forYear(2031).grades).toEqual(['优', '良', '中', '差']);
  });

  it('follow a year’s own scale', () => {
    const sets = RuleSets.fromDirectory(directoryWith({ '2027.json': { grades: ['A', 'B', 'C'] } }));
    expect(sets.forYear(2027).grades).toEqual(['A', 'B', 'C']);
    expect(sets.forYear(2026).grades).toEqual(['优', '良', '中', '差']);
  });

  it('stop the process naming the file when a grade repeats or the scale has one grade', () => {
    for (const grades of [['优', '优'], ['优']]) {
      const directory = directoryWith({ '2027.json': { grades } });
      expect(() => RuleSets.fromDirectory(directory)).toThrow(join(directory, '2027.json'));
    }
  });
});
