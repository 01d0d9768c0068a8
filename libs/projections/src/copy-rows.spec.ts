import { describe, expect, it } from '@jest/globals';
import { copyText, type CopyColumn } from './copy-rows.js';

const columns: CopyColumn[] = [
  { name: 'id', kind: 'scalar' },
  { name: 'name', kind: 'scalar' },
  { name: 'tags', kind: 'array' },
  { name: 'doc', kind: 'json' },
];

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, and leaves the rest as it is', () => {
    const text = copyText(columns, [{ id: 1, name: 'a\tb\nc\rd\\e "引号" \'单\' 😀 中文 \\N', tags: [], doc: null }]);
    expect(text).toBe('1\ta\\tb\\nc\\rd\\\\e "引号" \'单\' 😀 中文 \\\\N\t{}\t\\N\n');
  });

  it('writes NULL as \\N for null, a missing key and a number JSON has no text for', () => {
    expect(copyText(columns, [{ id: Number.NaN }])).toBe('\\N\t\\N\t\\N\t\\N\n');
  });

  it('quotes every array element, escaping quotes and backslashes inside and again for COPY', () => {
    const text = copyText(columns, [{ id: 1, name: 'x', tags: ['a,b', 'NULL', 'say "hi"', 'c:\\d', null, '{}'] }]);
    expect(text).toBe('1\tx\t{"a,b","NULL","say \\\\"hi\\\\"","c:\\\\\\\\d",NULL,"{}"}\t\\N\n');
  });

  it('writes json as JSON text, its backslashes and newlines escaped for COPY', () => {
    const doc = [{ opinion: '第一行\n第二行\t"引" \\' }];
    const text = copyText(columns, [{ id: 1, name: 'x', tags: null, doc }]);
    const field = text.split('\t')[3]!.slice(0, -1);
    expect(field).toBe(JSON.stringify(doc).replace(/\\/g, '\\\\'));
  });

  it('writes an object in a scalar column as its JSON text, as json_populate_recordset does', () => {
    expect(copyText(columns, [{ id: 1, name: { a: 1 }, tags: null, doc: null }])).toBe('1\t{"a":1}\t\\N\t\\N\n');
  });

  it('ends every row with a newline and separates fields with tabs', () => {
    const text = copyText(columns, [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect(text).toBe('1\ta\t\\N\t\\N\n2\tb\t\\N\t\\N\n');
  });
});
