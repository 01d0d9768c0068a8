import ExcelJS from 'exceljs';
import type { Taxonomy } from '@app/declarations/domain';
import type { FormSheet } from './form-sheet.js';
import { OFFICIAL_COLUMNS, OPINION_COLUMN } from './sheet-layout.js';
import { writeFormSheet } from './write-form-sheet.js';

export interface WorkbookOptions {
  /** The taxonomy of a year's rule set, which orders each form's indicators; by default today's. */
  taxonomyOf?: (year: number) => Taxonomy;
  /** Print the 审核意见 column (OPINION_COLUMN) after the target. */
  opinions?: boolean;
}

/** One sheet per form, in order, each laid out as the printed 申报表; the bytes of the .xlsx file. */
export async function workbookOf(forms: readonly FormSheet[], options: WorkbookOptions = {}): Promise<Buffer> {
  // Excel refuses to open a workbook without a sheet.
  if (forms.length === 0) throw new RangeError('workbookOf needs at least one form');
  const workbook = new ExcelJS.Workbook();
  const names = sheetNames(forms.map(({ projectName }) => projectName));
  const columns = options.opinions ? [...OFFICIAL_COLUMNS, OPINION_COLUMN] : OFFICIAL_COLUMNS;
  forms.forEach((form, at) =>
    writeFormSheet(workbook.addWorksheet(names[at]), form, { taxonomy: options.taxonomyOf?.(form.year), columns }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const MAX_NAME = 31;
const NOT_IN_NAMES = /[[\]:*?/\\]/gu;

/**
 * Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, no leading or trailing
 * apostrophe, unique regardless of case (a repeat gets `(2)`), and not the reserved `History`.
 */
export function sheetNames(titles: readonly string[]): string[] {
  const taken = new Set<string>(['history']);
  return titles.map((title, at) => {
    const base =
      title
        .replace(NOT_IN_NAMES, '_')
        .replace(/^'+|'+$/gu, '')
        .trim() || `申报表${at + 1}`;
    for (let copy = 1; ; copy += 1) {
      const suffix = copy === 1 ? '' : `(${copy})`;
      const name = `${cut(base, MAX_NAME - suffix.length).replace(/'+$/u, '')}${suffix}`;
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  });
}

/** The longest prefix of whole characters within `max` UTF-16 units (Excel counts those). */
function cut(text: string, max: number): string {
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > max) break;
    kept += char;
  }
  return kept;
}
