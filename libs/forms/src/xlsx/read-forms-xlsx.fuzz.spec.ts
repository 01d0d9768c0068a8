import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { FormFileError } from '../form-file-error.js';
import { songjiangForms } from '../forms.fixtures.js';
import type { ParsedForm } from '../parsed-form.js';
import { readFormsText } from '../read-forms.js';
import { readFormsXlsx } from './read-forms-xlsx.js';
import { workbookOf } from './workbook.js';

/**
 * Whatever bytes it is given, the workbook reader returns whole forms or throws FormFileError, and
 * what it returns is text PostgreSQL can store (an import writes it as it is).
 */
const forms = readFormsText(songjiangForms());
const UNSTORABLE = /[\u0000\ud800-\udfff]/u; // eslint-disable-line no-control-regex

async function check(bytes: Buffer | Uint8Array): Promise<void> {
  let read: ParsedForm[];
  try {
    read = await readFormsXlsx(bytes);
  } catch (error) {
    if (error instanceof FormFileError) return;
    throw error;
  }
  expect(read.length).toBeGreaterThan(0);
  for (const form of read) {
    expect(form.projectName).not.toBe('');
    expect(form.indicators.length).toBeGreaterThan(0);
    expect(JSON.stringify(form)).not.toMatch(UNSTORABLE);
  }
}

const base = workbookOf([forms[0]!, forms[14]!]);

/** A cell value of any kind exceljs reads from a workbook. */
const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '成本指标',
    '产出指标',
    '数量指标',
    '项目名称',
    '实施单位',
    '≥85.00(%)',
    '(2025 年度)',
    '1,000.00',
    '\u0000',
  ),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ min: new Date(-1e13), max: new Date(1e13) }),
  fc.string().map((text) => ({ richText: [{ text }, { text: '年度' }] })),
  fc.string().map((text) => ({ text, hyperlink: 'https://example.org' })),
  fc.oneof(fc.double(), fc.string()).map((result) => ({ formula: 'A1', result })),
  fc.constantFrom({ error: '#N/A' }, { error: '#REF!' }) as fc.Arbitrary<ExcelJS.CellValue>,
);

type Edit =
  | { kind: 'set'; row: number; column: number; value: ExcelJS.CellValue }
  | { kind: 'unmerge'; row: number; column: number }
  | { kind: 'splice'; row: number; count: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), row: fc.nat(60), column: fc.nat(9), value: cellValue }),
  fc.record({ kind: fc.constant('unmerge' as const), row: fc.nat(60), column: fc.nat(9) }),
  fc.record({ kind: fc.constant('splice' as const), row: fc.nat(60), count: fc.integer({ min: 1, max: 5 }) }),
);

async function edited(edits: readonly Edit[], sheet: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await base) as unknown as ArrayBuffer);
  const target = workbook.worksheets[sheet % workbook.worksheets.length]!;
  for (const change of edits) {
    const row = change.row + 1;
    if (change.kind === 'splice') target.spliceRows(row, change.count);
    else if (change.kind === 'unmerge') target.unMergeCells(row, change.column + 1, row, change.column + 1);
    else target.getCell(row, change.column + 1).value = change.value;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the workbook reader under fuzzing', () => {
  it('answers arbitrary bytes, with or without a zip header, with a FormFileError', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }),
      fc.uint8Array({ maxLength: 2_000 }).map((tail) => Buffer.concat([zip, tail])),
    );
    await fc.assert(fc.asyncProperty(bytes, check), { numRuns: 100 });
  });

  it('answers a real workbook with bytes flipped or cut off with forms or a FormFileError', async () => {
    const original = await base;
    const damage = fc.tuple(fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 10 }), fc.nat());
    await fc.assert(
      fc.asyncProperty(damage, async ([flips, cut]) => {
        const bytes = Buffer.from(original);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        await check(bytes.subarray(0, flips.length % 2 === 0 ? bytes.length : cut % bytes.length));
      }),
      { numRuns: 60 },
    );
  });

  it('answers a real workbook edited by hand, cell by cell, with forms or a FormFileError', async () => {
    const edits = fc.tuple(fc.array(edit, { minLength: 1, maxLength: 15 }), fc.nat(1));
    await fc.assert(
      fc.asyncProperty(edits, async ([changes, sheet]) => check(await edited(changes, sheet))),
      { numRuns: 40 },
    );
  }, 60_000);
});
