import type { Worksheet } from 'exceljs';
import { say, type MessageKey } from '@app/platform/messages';
import { type FormFileCaps, overCap } from '../form-file-caps.js';
import { FormFileError } from '../form-file-error.js';
import { readHead } from '../form-head.js';
import { readIndicators } from '../indicator-rows.js';
import type { ParsedForm } from '../parsed-form.js';
import { type Cells, normaliseLabel } from '../text-cells.js';
import { FORM_TITLE } from './form-sheet.js';
import { rowCells } from './sheet-cells.js';
import { findTableHeader, readTableRows } from './sheet-table.js';

const GOAL_LABELS: ReadonlySet<string> = new Set(['项目总目标', '年度总体目标']);

/** The row holding the title, or undefined when the sheet is not a 申报表. */
export function titleRowOf(sheet: Worksheet): number | undefined {
  for (let row = 1; row <= sheet.rowCount; row += 1) {
    if (rowCells(sheet, row).some(({ text }) => normaliseLabel(text).startsWith(FORM_TITLE))) return row;
  }
  return undefined;
}

/**
 * One sheet as the text reader would read the same form: the part above the table by its labels
 * (through the text reader's readHead, so fields, funds and their findings are read alike), the
 * table by its columns, and the findings of both.
 */
export function readFormSheet(sheet: Worksheet, title: number, index: number, caps: FormFileCaps): ParsedForm {
  const table = findTableHeader(sheet, title + 1);
  const head = readHead(headLines(sheet, title, table?.row ?? sheet.rowCount + 1));
  const { projectName, implementingUnit } = head.fields;
  const missing = (part: MessageKey) =>
    new FormFileError(
      'FORM_FILE_SHEET_INCOMPLETE',
      say('formFile.sheetIncomplete', { sheet: sheet.name, form: index, part: say(part) }),
      index,
    );
  if (!projectName) throw missing('formFile.part.projectName');
  if (!implementingUnit) throw missing('formFile.part.implementingUnit');
  if (head.year === undefined) throw missing('formFile.part.year');
  if (!table) throw missing('formFile.part.tableHeader');
  const tooMany = () =>
    overCap(
      caps,
      'indicatorsPerForm',
      `forms[${index - 1}].indicators`,
      say('formFile.tooManySheetIndicators', { sheet: sheet.name, form: index, maximum: caps.indicatorsPerForm }),
      index,
    );
  const { indicators, findings } = readIndicators(readTableRows(sheet, table, caps.indicatorsPerForm, tooMany));
  return {
    index,
    year: head.year,
    projectName,
    nature: head.fields.nature ?? '',
    category: head.fields.category,
    department: head.fields.department ?? '',
    implementingUnit,
    plannedStart: head.fields.plannedStart ?? '',
    plannedEnd: head.fields.plannedEnd ?? '',
    funds: head.funds,
    overallGoal: head.overallGoal,
    annualGoal: head.annualGoal,
    indicators,
    findings: [...head.findings, ...findings],
  };
}

/**
 * The rows from the title to the table as the text reader's lines, with one change: a goal's text
 * is put right after its label. On the sheet it sits in the cell under the label, and only its
 * column says which goal it is (the text reader has to guess from the number of cells).
 */
function headLines(sheet: Worksheet, title: number, end: number): Cells[] {
  const taken = new Set<string>();
  const lines: Cells[] = [];
  for (let row = title; row < end; row += 1) {
    const cells = rowCells(sheet, row).filter(({ column }) => !taken.has(`${row}:${column}`));
    const line = cells.flatMap(({ column, text }) => {
      if (row === title && normaliseLabel(text).startsWith(FORM_TITLE))
        return [normaliseLabel(text).slice(FORM_TITLE.length)];
      if (!GOAL_LABELS.has(normaliseLabel(text))) return [text];
      const below = goalTextUnder(sheet, row, column, end);
      if (below === undefined) return [text];
      taken.add(`${below.row}:${column}`);
      return [text, below.text];
    });
    lines.push(line.filter((text) => text !== ''));
  }
  return lines;
}

/** The cell under a goal label in the next row that has anything (a hand edit may insert empty rows). */
function goalTextUnder(sheet: Worksheet, row: number, column: number, end: number) {
  for (let next = row + 1; next < end; next += 1) {
    const cells = rowCells(sheet, next);
    if (cells.length === 0) continue;
    const cell = cells.find((candidate) => candidate.column === column);
    return cell && !GOAL_LABELS.has(normaliseLabel(cell.text)) ? { row: next, text: cell.text } : undefined;
  }
  return undefined;
}
