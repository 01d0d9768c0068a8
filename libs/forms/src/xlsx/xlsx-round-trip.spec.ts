import { describe, expect, it } from '@jest/globals';
import { songjiangForms } from '../forms.fixtures.js';
import type { ParsedForm } from '../parsed-form.js';
import { readFormsText } from '../read-forms.js';
import { readFormsXlsx } from './read-forms-xlsx.js';
import { workbookOf } from './workbook.js';

const forms = readFormsText(songjiangForms());

// Findings about how the text export printed a row (a level-2 label in the level-1 column, a cell
// wrapped onto the next line): the sheet lays the row out properly, so there is nothing to report.
const LAYOUT_ONLY: ReadonlySet<string> = new Set([
  'INDICATOR_LEVEL1_CELL_MISLABELLED',
  'INDICATOR_ROW_WRAPPED',
  'INDICATOR_CELLS_MERGED',
]);
const asLaidOut = (form: ParsedForm, index: number): ParsedForm => ({
  ...form,
  index,
  findings: form.findings.filter(({ code }) => !LAYOUT_ONLY.has(code)),
});

describe('exporting the 33 real forms to .xlsx and reading them back', () => {
  it.each(forms.map((form) => [form.index, form.projectName, form] as const))(
    'form %i (%s) reads back field for field',
    async (_, __, form) => {
      const [read] = await readFormsXlsx(await workbookOf([form]));
      expect(read).toEqual(asLaidOut(form, 1));
    },
  );

  it('reads all 33 back from one workbook, one sheet each, in order', async () => {
    const read = await readFormsXlsx(await workbookOf(forms));
    expect(read).toEqual(forms.map((form) => asLaidOut(form, form.index)));
  });

  it('loses no finding but the one layout finding of the export (form 26: a level-2 label in the level-1 column)', () => {
    const layoutOnly = forms.flatMap(({ index, findings }) =>
      findings.filter(({ code }) => LAYOUT_ONLY.has(code)).map(({ code, path }) => `${index} ${code} ${path}`),
    );
    expect(layoutOnly).toEqual(['26 INDICATOR_LEVEL1_CELL_MISLABELLED indicators[5].level1']);
  });
});
