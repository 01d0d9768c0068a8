import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FormFileError } from './form-file-error.js';
import { songjiangForms } from './forms.fixtures.js';
import type { ParsedForm } from './parsed-form.js';
import { readFormsText } from './read-forms.js';

/**
 * Whatever text it is given, the reader returns whole forms or throws FormFileError: never another
 * error (which the import would answer with a 500), never a form missing what makes it one.
 */
const real = songjiangForms();
const lines = real.split('\n');
const cells = [...new Set(lines.flatMap((line) => line.split('\t')).filter((cell) => cell.trim() !== ''))];

function outcomeOf(text: string): ParsedForm[] | FormFileError {
  try {
    return readFormsText(text);
  } catch (error) {
    if (error instanceof FormFileError) return error;
    throw error;
  }
}

/** The reader's promise about what it returns. */
function expectWholeForms(forms: ParsedForm[]): void {
  expect(forms.length).toBeGreaterThan(0);
  forms.forEach((form, at) => {
    expect(form.index).toBe(at + 1);
    expect(form.projectName).toEqual(expect.any(String));
    expect(form.projectName).not.toBe('');
    expect(form.implementingUnit).not.toBe('');
    expect(Number.isInteger(form.year)).toBe(true);
    expect(form.indicators.length).toBeGreaterThan(0);
    for (const amount of Object.values(form.funds)) {
      expect(amount === null || Number.isSafeInteger(amount)).toBe(true);
    }
    for (const finding of form.findings) expect(finding).toMatchObject({ code: expect.any(String) });
  });
}

function check(text: string): void {
  const outcome = outcomeOf(text);
  if (outcome instanceof FormFileError) expect(outcome.code).toMatch(/^FORM_FILE_/);
  else expectWholeForms(outcome);
}

const piece = fc.oneof(
  fc.constantFrom(...cells),
  fc.constantFrom('\t', '\t\t', '\n', '\r\n', '\f', ' ', '<p>', '</p>', '&nbsp;', '（本级）', '2025 年度', '≥', '%'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

/** The real file, a random slice of its lines, shuffled, some repeated, cut anywhere. */
const mangledExport = fc
  .tuple(
    fc.shuffledSubarray(lines.map((line, at) => at)),
    fc.array(fc.integer({ min: 0, max: lines.length - 1 }), { maxLength: 20 }),
    fc.nat({ max: real.length }),
    fc.boolean(),
  )
  .map(([kept, repeated, cut, sorted]) => {
    const order = sorted ? [...kept].sort((a, b) => a - b) : kept;
    const text = [...order, ...repeated].map((at) => lines[at]).join('\n');
    return text.slice(0, Math.max(cut, text.length / 2));
  });

/** One real form with some of its cells replaced by other cells of the file, or by noise. */
const formWithCellsSwapped = fc
  .tuple(fc.nat({ max: 32 }), fc.array(fc.tuple(fc.nat(), fc.nat(), piece), { minLength: 1, maxLength: 12 }))
  .map(([which, swaps]) => {
    const forms = real.split(/(?=财政项目支出绩效目标申报表)/u).filter((part) => part.includes('项目名称'));
    const rows = forms[which % forms.length]!.split('\n').map((line) => line.split('\t'));
    for (const [row, column, replacement] of swaps) {
      const cellsOfRow = rows[row % rows.length]!;
      cellsOfRow[column % cellsOfRow.length] = replacement;
    }
    return rows.map((row) => row.join('\t')).join('\n');
  });

describe('the text reader under fuzzing', () => {
  it('reads the real file, as a baseline', () => {
    expectWholeForms(readFormsText(real));
  });

  it('answers arbitrary text with forms or a FormFileError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.array(piece).map((p) => p.join('')),
        ),
        check,
      ),
      { numRuns: 300 },
    );
  });

  it('answers lines of the real file, shuffled, repeated and cut, with forms or a FormFileError', () => {
    fc.assert(fc.property(mangledExport, check), { numRuns: 100 });
  });

  it('answers a real form with cells swapped for others with forms or a FormFileError', () => {
    fc.assert(fc.property(formWithCellsSwapped, check), { numRuns: 200 });
  });

  it('reads a title followed by arbitrary cells without hanging', () => {
    const started = performance.now();
    const long = `财政项目支出绩效目标申报表\n项目名称\t${'人 力 '.repeat(20_000)}\n${'\t'.repeat(50_000)}≥`;
    check(long);
    check(`${real}\n${'<p'.repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
