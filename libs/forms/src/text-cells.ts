import { say } from '@app/platform/messages';
import { FormFileError } from './form-file-error.js';

/**
 * A line of the export as its non-empty cells, cleaned. Column positions are dropped on purpose:
 * the PDF export shifts them from line to line, so only the order of the cells means anything.
 */
export type Cells = readonly string[];

const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/giu;
const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
// What cleanText and normaliseLabel would change; a cell with none of it is returned as it is.
const NEEDS_CLEANING = /[<&\u200b\s]/u;
const NEEDS_NORMALISING = /[\s:：（）]|^其中/u;
// Control characters other than tab and line ends (a binary file read as UTF-8 is full of them), and
// the replacement character a decoder leaves for bytes that are not UTF-8.
const NOT_TEXT = /(?![\t\n\v\f\r])[\p{Cc}\ufffd]/u;

/** The file's text without a BOM; throws when it is empty or not text at all. */
export function assertFormText(text: string): string {
  const unmarked = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (NOT_TEXT.test(unmarked)) {
    throw new FormFileError('FORM_FILE_NOT_TEXT', say('formFile.notText'));
  }
  if (unmarked.trim() === '') throw new FormFileError('FORM_FILE_EMPTY', say('formFile.empty'));
  return unmarked;
}

/** Every line as its cleaned non-empty cells; a form feed (PDF page break) counts as a line end. */
export function splitLines(text: string): Cells[] {
  return rawLines(text).map(cellsOf);
}

/** The lines as they are; a form feed (PDF page break) counts as a line end. */
export function rawLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\f|\v/u);
}

/** A line's cleaned non-empty cells. */
export function cellsOf(line: string): Cells {
  return line
    .split('\t')
    .map(cleanText)
    .filter((cell) => cell !== '');
}

/**
 * Text without the export's artefacts: `<p>` tags and entities go, and so does every space except
 * one between two ASCII letters or digits. The PDF export puts spaces wherever a line wrapped or a
 * glyph run ended (`人力 资源`, `2025 年 10 月`, `需要, 2025`, `局 WIFI 无线`), and Chinese text never
 * uses them; a space is only meaningful between Latin words or numbers (`Office 365`), so that is
 * the one kept. A full-width space counts as a space.
 */
export function cleanText(raw: string): string {
  // Most cells have nothing to clean: skipping the replacements halves the time to read a file.
  if (!NEEDS_CLEANING.test(raw)) return raw;
  return raw
    .replace(TAG, ' ')
    .replace(/&(?:nbsp|amp|lt|gt|quot|#39);/gu, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\u200b/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/(?<![A-Za-z0-9]) | (?![A-Za-z0-9])/gu, '');
}

/** Two pieces of one cell that the export broke apart (a wrapped tail), joined by the same rule. */
export function joinText(head: string, tail: string): string {
  return cleanText(`${head} ${tail}`);
}

/**
 * A label as the form means it: `经济成本 指标` → `经济成本指标`, `其中: 当年财政拨款` → `当年财政拨款`,
 * `项目资金 (元)` → `项目资金(元)`. Only for recognising labels; values keep their own text.
 */
export function normaliseLabel(cell: string): string {
  if (!NEEDS_NORMALISING.test(cell)) return cell;
  return cell
    .replace(/\s+/gu, '')
    .replace(/[:：]/gu, '')
    .replace(/^其中/u, '')
    .replace(/（/gu, '(')
    .replace(/）/gu, ')');
}
