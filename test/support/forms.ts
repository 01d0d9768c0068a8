import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { readFormsText } from '@app/forms';

/** The real 2025 export: 33 forms of five units. */
export const FORMS_FILE = fileURLToPath(
  new URL('../fixtures/forms/2025-songjiang-hrss-declarations.txt', import.meta.url),
);

export function formsBytes(): Buffer {
  return readFileSync(FORMS_FILE);
}

const TITLE = '财政项目支出绩效目标申报表';

/** The export with only the forms whose printed unit passes `keep`: the same layout, fewer forms. */
export function formsOfUnits(keep: (implementingUnit: string) => boolean): Buffer {
  const forms: string[][] = [];
  for (const line of formsBytes().toString('utf8').split('\n')) {
    if ((line.split('\t')[0] ?? '').replace(/\s+/g, '').startsWith(TITLE)) forms.push([line]);
    else forms.at(-1)?.push(line);
  }
  const kept = forms.map((lines) => lines.join('\n')).filter((text) => keep(readFormsText(text)[0]!.implementingUnit));
  return Buffer.from(kept.join('\n'));
}

/** The real file cut just after `marker`: a truncated export. */
export function formsCutAfter(marker: string): Buffer {
  const text = formsBytes().toString('utf8');
  return Buffer.from(text.slice(0, text.indexOf(marker) + marker.length));
}

/** Files that are not a form export, each with the code the refusal carries. */
export const BAD_FILES: readonly (readonly [string, Buffer, string])[] = [
  ['an empty file', Buffer.alloc(0), 'FORM_FILE_EMPTY'],
  [
    'a binary file',
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]),
    'FORM_FILE_NOT_TEXT',
  ],
  ['a truncated export', formsCutAfter('\t\t\t补贴清算费发放人数'), 'FORM_FILE_TRUNCATED'],
  ['a CSV of something else', Buffer.from('id,name,amount\n1,张三,100.00\n2,李四,"1,200.00"\n'), 'FORM_FILE_NO_FORMS'],
];

/** Events outside the people's own streams (`user-<id>`, written when users are created or changed). */
export async function eventCount(db: DataSource): Promise<number> {
  const [row] = await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM events WHERE stream_id NOT LIKE 'user-%'`);
  return Number(row!.n);
}
