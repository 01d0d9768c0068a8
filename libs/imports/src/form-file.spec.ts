import { describe, expect, it } from '@jest/globals';
import { FormFileError, readFormsText, workbookOf } from '@app/forms';
import { readFormFile, sha256Of } from './form-file.js';
import { songjiangBytes } from './imports.fixtures.js';

async function refusal(bytes: Uint8Array): Promise<FormFileError> {
  const error: unknown = await readFormFile(bytes).then(
    () => new Error('expected a FormFileError'),
    (thrown: unknown) => thrown,
  );
  if (error instanceof FormFileError) return error;
  throw error;
}

describe('reading a file of forms from its bytes', () => {
  it('reads the real text export, with or without a BOM', async () => {
    const bytes = songjiangBytes();
    expect(await readFormFile(bytes)).toHaveLength(33);
    expect(await readFormFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))).toHaveLength(33);
  });

  it('refuses bytes that are not UTF-8, whatever the file is called', async () => {
    const gbk = Buffer.from([0xb2, 0xc6, 0xd5, 0xfe, 0xcf, 0xee, 0xc4, 0xbf]); // 财政项目 in GBK
    expect(await refusal(gbk)).toMatchObject({ code: 'FORM_FILE_NOT_TEXT' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(await refusal(png)).toMatchObject({ code: 'FORM_FILE_NOT_TEXT' });
  });

  it('knows an xlsx by its zip header, even when it is named .txt, and reads our own export', async () => {
    const forms = readFormsText(songjiangBytes().toString('utf8'));
    const workbook = await workbookOf(forms.slice(0, 3));
    const read = await readFormFile(workbook);
    expect(read.map((f) => f.projectName)).toEqual(forms.slice(0, 3).map((f) => f.projectName));
    const notAWorkbook = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
    expect(await refusal(notAWorkbook)).toMatchObject({ code: expect.stringMatching(/^FORM_FILE_/) });
  });

  it('leaves empty, foreign and truncated files to the text reader', async () => {
    expect(await refusal(Buffer.alloc(0))).toMatchObject({ code: 'FORM_FILE_EMPTY' });
    expect(await refusal(Buffer.from('id,name\n1,张三\n'))).toMatchObject({ code: 'FORM_FILE_NO_FORMS' });
    const cut = songjiangBytes().subarray(0, 30_000);
    expect(await refusal(cut)).toMatchObject({ code: expect.stringMatching(/FORM_FILE_(TRUNCATED|NOT_TEXT)/) });
  });

  it('names a file by the SHA-256 of its bytes', () => {
    expect(sha256Of(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
