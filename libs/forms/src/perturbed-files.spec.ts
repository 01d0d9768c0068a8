import { describe, expect, it } from '@jest/globals';
import { songjiangForms } from './forms.fixtures.js';
import { readFormsText } from './read-forms.js';

const original = songjiangForms();
const expected = readFormsText(original);
const lines = original.split('\n');

/** A small seeded generator, so a failing perturbation can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shiftSomeLines(seed: number): string {
  const random = seeded(seed);
  return lines
    .map((line) => {
      const roll = random();
      if (roll < 0.25) return `\t${line}`;
      if (roll < 0.5) return `${line}\t`;
      if (roll < 0.6) return `\t\t${line}\t\t\t`;
      return line;
    })
    .join('\n');
}

describe('reading the same forms exported differently', () => {
  it.each([
    ['an empty cell before every line', lines.map((line) => `\t${line}`).join('\n')],
    ['an empty cell after every line', lines.map((line) => `${line}\t`).join('\n')],
    ['every tab doubled', original.replaceAll('\t', '\t\t')],
    ['CRLF line ends', original.replaceAll('\n', '\r\n')],
    ['old Mac CR line ends', original.replaceAll('\n', '\r')],
    ['a UTF-8 BOM', `\ufeff${original}`],
    ['a trailing newline', `${original}\n\n`],
    ['blank lines added between lines', lines.join('\n\n')],
    ['form feeds for page breaks', original.replaceAll('\n\n', '\n\f\n')],
  ])('reads them identically with %s', (_, perturbed) => {
    expect(readFormsText(perturbed)).toEqual(expected);
  });

  it.each([1, 2, 3, 42, 2025])('reads them identically with random lines shifted (seed %i)', (seed) => {
    expect(readFormsText(shiftSomeLines(seed))).toEqual(expected);
  });

  it('reads them identically with all of it at once', () => {
    const perturbed = `\ufeff${shiftSomeLines(7).replaceAll('\t', '\t\t').replaceAll('\n', '\r\n')}`;
    expect(readFormsText(perturbed)).toEqual(expected);
  });

  it('reads a form identically when the page break repeats the table header', () => {
    const header = lines.find((line) => line.includes('一级指标'))!;
    const repeated = original.replace('\n\n\t\t指标\t保障有序开展', `\n\n${header}\n\t\t指标\t保障有序开展`);
    expect(repeated).not.toBe(original);
    expect(readFormsText(repeated)).toEqual(expected);
  });
});
