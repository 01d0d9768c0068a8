import { describe, expect, it } from '@jest/globals';
import type { PlannedForm } from './import-plan.js';
import { duplicateForm, importCommandId, importedForm, reportOf } from './import-report.js';

const planned = (index: number): PlannedForm => ({
  index,
  projectName: `项目${index}`,
  unit: { id: 'sj-hrss-bureau', name: '上海市松江区人力资源和社会保障局（本级）' },
  content: {} as PlannedForm['content'],
  findings: [{ code: 'CATEGORY_MISSING', severity: 'warning', message: '表上没有填写项目类别', path: 'category' }],
  possibleDuplicateOf: [],
  skipAsDuplicate: false,
});

describe('the import report', () => {
  it('says per form whether it was drafted now or already there, with its findings', () => {
    expect(importedForm(planned(2), { declarationId: 'd-2', replayed: false })).toEqual({
      index: 2,
      projectName: '项目2',
      unit: { id: 'sj-hrss-bureau', name: '上海市松江区人力资源和社会保障局（本级）' },
      status: 'created',
      declarationId: 'd-2',
      possibleDuplicateOf: [],
      findings: planned(2).findings,
    });
    expect(importedForm(planned(3), { declarationId: 'd-3', replayed: true }).status).toBe('skipped');
  });

  it('counts what was created and what was skipped', () => {
    const forms = [
      importedForm(planned(1), { declarationId: 'd-1', replayed: true }),
      importedForm(planned(2), { declarationId: 'd-2', replayed: false }),
      importedForm(planned(3), { declarationId: 'd-3', replayed: false }),
    ];
    expect(reportOf('f'.repeat(64), forms)).toMatchObject({ fileSha256: 'f'.repeat(64), created: 2, skipped: 1 });
    expect(reportOf('f'.repeat(64), []).forms).toEqual([]);
  });

  it('reports a form left out as a duplicate with the declaration it duplicates, and the forms not the caller’s', () => {
    const twin = { ...planned(4), possibleDuplicateOf: ['d-old', 'd-older'], skipAsDuplicate: true };
    const left = duplicateForm(twin);
    expect(left).toMatchObject({
      status: 'duplicate',
      declarationId: 'd-old',
      possibleDuplicateOf: ['d-old', 'd-older'],
    });
    const notYours = [{ index: 5, projectName: '项目5', unit: { id: 'sj-hrss-employment', name: '就业促进中心' } }];
    expect(reportOf('f'.repeat(64), [left], notYours)).toMatchObject({
      created: 0,
      skipped: 0,
      duplicates: 1,
      notYours,
    });
  });

  it('keys a form’s import by the file and the form, never by the person importing', () => {
    expect(importCommandId('ab12', 7)).toBe('import:ab12:7');
  });
});
