import { describe, expect, it } from '@jest/globals';
import { csvCell, csvLine, jsonLine, trailPreamble, type TrailRow } from './trail-format.js';

const row: TrailRow = {
  position: '42',
  recordedAt: '2025-03-03T01:02:03.004Z',
  streamId: 'declaration-1',
  version: 3,
  type: 'DeclarationReturned',
  actorId: 'u-1',
  role: 'department_reviewer',
  unit: null,
  correlationId: '-cid',
  commandId: null,
  transactionId: '771',
  keyId: '0123456789abcdef',
  proof: null,
  data: '{"at": "2025-03-03T01:02:03.000Z", "by": "u-1", "stage": "departmental_review", "reason": "依据不足, 请补充\\"测算\\""}',
  metadata: '{"role": "department_reviewer", "actorId": "u-1"}',
  hash: 'abc',
  previousHash: null,
};

describe('the exported trail', () => {
  it('writes one JSON object per line with data and metadata exactly as stored', () => {
    const line = jsonLine(row);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      ...row,
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata),
    });
    expect(line).toContain(`"data":${row.data}`);
  });

  it('opens a CSV with a BOM for Excel and the header row; JSON lines have neither', () => {
    expect(trailPreamble('csv')).toMatch(
      /^\uFEFFposition,recordedAt,streamId,version,type,actorId,.*,previousHash,transactionId,keyId,proof\r\n$/,
    );
    expect(trailPreamble('jsonl')).toBe('');
  });

  it('quotes CSV cells that hold commas, quotes or line breaks, and keeps null empty', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(7)).toBe('7');
  });

  it('keeps Excel from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-cid')).toBe("'-cid");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a CSV row per event in the header’s column order', () => {
    const line = csvLine(row);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(
      line.startsWith('42,2025-03-03T01:02:03.004Z,declaration-1,3,DeclarationReturned,u-1,department_reviewer,,'),
    ).toBe(true);
    expect(line).toContain(`"${row.data.replace(/"/g, '""')}"`);
    expect(line.endsWith(',abc,,771,0123456789abcdef,\r\n')).toBe(true);
  });
});
