import { say, type MessageKey } from '@app/platform/messages';
import { FORM_FILE_CAPS, type FormFileCaps, overCap } from './form-file-caps.js';
import { FormFileError } from './form-file-error.js';
import { readHead } from './form-head.js';
import { readIndicators } from './indicator-rows.js';
import { isTableHeader, labelOf, readIndicatorRows } from './indicator-table.js';
import type { ParsedForm } from './parsed-form.js';
import { assertFormText, type Cells, cellsOf, normaliseLabel, rawLines } from './text-cells.js';

const TITLE = '财政项目支出绩效目标申报表';

/**
 * Reads every 财政项目支出绩效目标申报表 in a text export (tab-separated, as exported from the PDF
 * tables), whole and in order. Pure: the caller reads the file. Throws FormFileError when the text
 * is not such an export, a form in it lacks what makes it one (project, unit, year, indicators), or
 * it holds more forms, or a form more indicators, than `caps` allow (counted while reading).
 */
export function readFormsText(text: string, caps: FormFileCaps = FORM_FILE_CAPS): ParsedForm[] {
  const forms = splitForms(rawLines(assertFormText(text)), caps).map((lines, at) => readForm(lines, at + 1, caps));
  assertLastFormEnds(forms);
  return forms;
}

/**
 * The lines of each form, from its title line to the next; anything before the first title is not
 * ours. Lines are cut into cells as they come, and counted: a form past linesPerForm, or a form
 * past formsPerFile, stops the reading there.
 */
function splitForms(lines: readonly string[], caps: FormFileCaps): Cells[][] {
  const forms: Cells[][] = [];
  for (const line of lines) {
    const cells = cellsOf(line);
    const title = cells[0] === undefined ? undefined : normaliseLabel(cells[0]);
    if (title?.startsWith(TITLE)) {
      if (forms.length === caps.formsPerFile) {
        throw overCap(caps, 'formsPerFile', 'forms', say('formFile.tooManyForms', { maximum: caps.formsPerFile }));
      }
      forms.push([[title.slice(TITLE.length), ...cells.slice(1)].filter(Boolean)]);
    } else if (forms.length > 0) {
      const form = forms.at(-1)!;
      if (form.length === caps.linesPerForm) {
        const found = say('formFile.tooManyLines', { form: forms.length, maximum: caps.linesPerForm });
        throw overCap(caps, 'linesPerForm', `forms[${forms.length - 1}]`, found, forms.length);
      }
      form.push(cells);
    }
  }
  if (forms.length === 0) {
    throw new FormFileError('FORM_FILE_NO_FORMS', say('formFile.noTitle', { title: TITLE }));
  }
  return forms;
}

function readForm(lines: readonly Cells[], index: number, caps: FormFileCaps): ParsedForm {
  const tableStart = lines.findIndex((cells) => isTableHeader(cells) || cells.some((cell) => labelOf(cell)));
  const head = readHead(tableStart === -1 ? lines : lines.slice(0, tableStart));
  const { projectName, implementingUnit } = head.fields;
  if (!projectName) throw missing(index, 'formFile.part.projectName');
  if (!implementingUnit) throw missing(index, 'formFile.part.implementingUnit');
  if (head.year === undefined) throw missing(index, 'formFile.part.year');
  const tooMany = () =>
    overCap(
      caps,
      'indicatorsPerForm',
      `forms[${index - 1}].indicators`,
      say('formFile.tooManyIndicators', { form: index, project: projectName, maximum: caps.indicatorsPerForm }),
      index,
    );
  const rows = tableStart === -1 ? [] : readIndicatorRows(lines.slice(tableStart), caps.indicatorsPerForm, tooMany);
  if (rows.length === 0) throw missing(index, 'formFile.part.indicators');
  const { indicators, findings } = readIndicators(rows);
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

function missing(index: number, part: MessageKey): FormFileError {
  return new FormFileError('FORM_FILE_TRUNCATED', say('formFile.truncated', { form: index, part: say(part) }), index);
}

/**
 * A file cut off mid-row ends on an indicator without a target. Inside the file such a row is the
 * form's own gap (form 29 prints one) and only gets a finding; at the very end it means truncation.
 */
function assertLastFormEnds(forms: readonly ParsedForm[]): void {
  const last = forms.at(-1);
  const row = last?.indicators.at(-1);
  if (last && row?.target === null) {
    const words = say('formFile.cutOff', { form: last.index, name: row.name });
    throw new FormFileError('FORM_FILE_TRUNCATED', words, last.index);
  }
}
