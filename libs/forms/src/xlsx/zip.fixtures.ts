import { crc32, deflateRawSync } from 'node:zlib';
import { FORM_TITLE } from './form-sheet.js';

/** One part of a zip; `declaredSize` lies about its inflated size when set (as a zip bomb may). */
export interface ZipPart {
  name: string;
  data: Buffer | string;
  declaredSize?: number;
}

/** A zip archive of `parts`, deflated, with local headers, a central directory and its end record. */
export function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8');
    const deflated = deflateRawSync(data);
    const name = Buffer.from(part.name, 'utf8');
    const size = part.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(deflated.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    directory.push(entry, name);
    offset += local.length + name.length + deflated.length;
  }
  const directorySize = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

const escape = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
const COLUMNS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A worksheet's XML: rows of cells (numbered from 1 unless a row says its number) and merged
 * ranges. Digits are numbers; other text is an inline string, or with `shared` an index into the
 * shared strings (as Excel writes them: see sharedStringsXml).
 */
export function sheetXml(
  rows: Iterable<readonly string[] | { r: number; cells: readonly string[] }>,
  merged: string[] = [],
  shared?: SharedStrings,
  /** Whether cells name their column and row (`r="C7"`); without, they count from column A, as the format allows. */
  cellRefs = true,
): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  let r = 0;
  for (const row of rows) {
    const { r: at, cells } = 'r' in row ? row : { r: r + 1, cells: row };
    r = at;
    const xml = cells
      .map((text, c) => {
        const ref = cellRefs ? ` r="${COLUMNS[c]}${r}"` : '';
        if (/^\d+$/u.test(text)) return `<c${ref}><v>${text}</v></c>`;
        if (shared) return `<c${ref} t="s"><v>${shared.indexOf(text)}</v></c>`;
        return `<c${ref} t="inlineStr"><is><t>${escape(text)}</t></is></c>`;
      })
      .join('');
    out.push(`<row r="${r}">${xml}</row>`);
  }
  out.push('</sheetData>');
  if (merged.length > 0)
    out.push(`<mergeCells>${merged.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`);
  out.push('</worksheet>');
  return out.join('');
}

/** The shared strings of a workbook, each once, in the order first used. */
export class SharedStrings {
  private readonly index = new Map<string, number>();

  indexOf(text: string): number {
    let at = this.index.get(text);
    if (at === undefined) this.index.set(text, (at = this.index.size));
    return at;
  }

  xml(): string {
    const items = [...this.index.keys()].map((text) => `<si><t>${escape(text)}</t></si>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.index.size}" uniqueCount="${this.index.size}">${items}</sst>`;
  }
}

/** The parts of a minimal .xlsx holding these worksheets (XML), named 表1, 表2, … */
export function workbookParts(sheets: readonly string[], shared?: SharedStrings): ZipPart[] {
  const ns = 'http://schemas.openxmlformats.org';
  const relType = `${ns}/officeDocument/2006/relationships`;
  return [
    {
      name: '[Content_Types].xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        (shared
          ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
          : '') +
        sheets
          .map(
            (_, at) =>
              `<Override PartName="/xl/worksheets/sheet${at + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        `</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${relType}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${relType}"><sheets>` +
        sheets.map((_, at) => `<sheet name="表${at + 1}" sheetId="${at + 1}" r:id="rId${at + 1}"/>`).join('') +
        `</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">` +
        sheets
          .map(
            (_, at) =>
              `<Relationship Id="rId${at + 1}" Type="${relType}/worksheet" Target="worksheets/sheet${at + 1}.xml"/>`,
          )
          .join('') +
        `</Relationships>`,
    },
    ...sheets.map((data, at) => ({ name: `xl/worksheets/sheet${at + 1}.xml`, data })),
    ...(shared ? [{ name: 'xl/sharedStrings.xml', data: shared.xml() }] : []),
  ];
}

/** The head of a 申报表 as sheet rows, then the table's column heads. */
export function formHeadRows(projectName = '网络信息系统运行与维护'): string[][] {
  return [
    [`${FORM_TITLE}`],
    ['(2025年度)'],
    ['项目名称', projectName],
    ['主管部门', '上海市松江区人力资源和社会保障局', '实施单位', '上海市松江区人力资源和社会保障局（本级）'],
    ['一级指标', '二级指标', '三级指标', '年度指标值'],
  ];
}

/**
 * The sheet of the issue's import bomb: a 申报表 whose indicator table has `rows` rows of seven
 * cells (about 260 bytes of XML each: 200,000 rows inflate to about 50 MB, 3 MB as an .xlsx).
 */
export function* bombRows(rows: number): Generator<string[]> {
  yield* formHeadRows();
  for (let n = 1; n <= rows; n += 1) {
    yield ['产出指标', '数量指标', `培训第${n % 1000}项`, `≥${n % 1000}(人次)`, `${n}`, `${n % 997}`, `${n % 7}`];
  }
}

/** The issue's import bomb as .xlsx bytes: `rows` rows of seven cells in one 申报表 sheet. */
export function xlsxBomb(rows: number, cellRefs = true): Buffer {
  return zipOf(workbookParts([sheetXml(bombRows(rows), [], undefined, cellRefs)]));
}
