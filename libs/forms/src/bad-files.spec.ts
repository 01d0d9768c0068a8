import { describe, expect, it } from '@jest/globals';
import { songjiangForms } from './forms.fixtures.js';
import { FormFileError } from './form-file-error.js';
import { readFormsText } from './read-forms.js';

const real = songjiangForms();

function failureOf(text: string): FormFileError {
  try {
    readFormsText(text);
  } catch (error) {
    if (error instanceof FormFileError) return error;
    throw error;
  }
  throw new Error('expected a FormFileError');
}

/** The real file cut just after the first occurrence of `marker` (after `skip` earlier ones). */
function cutAfter(marker: string, skip = 0): string {
  let at = -1;
  for (let seen = 0; seen <= skip; seen += 1) at = real.indexOf(marker, at + 1);
  expect(at).toBeGreaterThan(-1);
  return real.slice(0, at + marker.length);
}

describe('files that are not a form export', () => {
  it.each([
    ['nothing', ''],
    ['blank lines and tabs', ' \n\t\t\n\r\n'],
    ['only a BOM', '\ufeff'],
  ])('calls %s empty', (_, text) => {
    expect(failureOf(text)).toMatchObject({ code: 'FORM_FILE_EMPTY' });
  });

  it('calls a binary file, read as UTF-8, not text', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]).toString();
    expect(failureOf(png)).toMatchObject({ code: 'FORM_FILE_NOT_TEXT' });
    expect(failureOf(`${real.slice(0, 500)}\u0000\u0000${real.slice(500)}`)).toMatchObject({
      code: 'FORM_FILE_NOT_TEXT',
    });
  });

  it.each([
    ['a CSV of something else', 'id,name,amount\n1,张三,100.00\n2,李四,"1,200.00"\n'],
    ['another tab-separated table', '部门预算表\t\t\n项目名称\t金额\n办公费\t1,000.00\n'],
  ])('finds no forms in %s', (_, text) => {
    const error = failureOf(text);
    expect(error).toMatchObject({ code: 'FORM_FILE_NO_FORMS', formIndex: null });
    expect(error.message).toContain('财政项目支出绩效目标申报表');
  });
});

describe('files cut off in the middle of a form', () => {
  it('names the form and the missing indicator table when cut inside the goals', () => {
    const error = failureOf(cutAfter('以“和谐同行”能力提升三年行动计划'));
    expect(error).toMatchObject({ code: 'FORM_FILE_TRUNCATED', formIndex: 3 });
    expect(error.message).toBe('第3张申报表缺少绩效指标表：文件可能被截断，或不是申报表');
  });

  it('names the missing project when cut right after a title', () => {
    const error = failureOf(cutAfter('财政项目支出绩效目标申报表', 4));
    expect(error).toMatchObject({ code: 'FORM_FILE_TRUNCATED', formIndex: 5 });
    expect(error.message).toContain('项目名称');
  });

  it('names the missing unit when cut after the project line', () => {
    const error = failureOf(cutAfter('项目名称\t课题与规划\t\t项目性质\t其他经常性项目\t项目类别\t特定目标类\n'));
    expect(error).toMatchObject({ code: 'FORM_FILE_TRUNCATED', formIndex: 13 });
    expect(error.message).toContain('实施单位');
  });

  it('notices a cut in the middle of the last row', () => {
    const error = failureOf(cutAfter('\t\t\t补贴清算费发放人数'));
    expect(error).toMatchObject({ code: 'FORM_FILE_TRUNCATED', formIndex: 33 });
    expect(error.message).toContain('补贴清算费发放人数');
  });

  it('still reads a file cut cleanly between two forms', () => {
    expect(readFormsText(real.slice(0, real.indexOf('财政项目支出绩效目标申报表', 100)))).toHaveLength(1);
  });
});
