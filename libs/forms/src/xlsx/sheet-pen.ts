import type { Alignment, Border, CellValue, Fill, Font, Worksheet } from 'exceljs';

export type Kind = 'title' | 'subtitle' | 'mark' | 'label' | 'level' | 'text' | 'amount';

const FONT: Partial<Font> = { name: '宋体', size: 11 };
const LABEL_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<Border> = { style: 'thin' };
const STYLES: Readonly<Record<Kind, { font: Partial<Font>; alignment: Partial<Alignment>; fill?: Fill }>> = {
  title: { font: { ...FONT, size: 18, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
  subtitle: { font: { ...FONT, size: 12 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  // Red and bold, as a stamp: what the form is not yet must not be missed on paper.
  mark: {
    font: { ...FONT, size: 14, bold: true, color: { argb: 'FFC00000' } },
    alignment: { horizontal: 'right', vertical: 'middle' },
  },
  label: { font: FONT, alignment: centred(), fill: LABEL_FILL },
  level: { font: FONT, alignment: centred() },
  text: { font: FONT, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true, indent: 1 } },
  amount: { font: FONT, alignment: { horizontal: 'right', vertical: 'middle', indent: 1 } },
};
const LINE_HEIGHT = 15; // points per line of 11-point 宋体
const MIN_HEIGHTS: Partial<Record<Kind, number>> = { title: 32, subtitle: 20 };

function centred(): Partial<Alignment> {
  return { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/**
 * Writes styled, merged cells and then sizes the rows. Excel never grows a row for wrapped text in
 * a merged cell, so the heights are estimated here from the text and the merged width.
 */
export class SheetPen {
  private readonly heights = new Map<number, number>();

  constructor(
    private readonly sheet: Worksheet,
    private readonly widths: readonly number[],
  ) {}

  /** `value` into row `row`, columns `from..to` (1-based), merged over `down` more rows. */
  put(row: number, [from, to]: readonly [number, number], value: CellValue, kind: Kind, down = 0): void {
    if (from !== to || down > 0) this.sheet.mergeCells(row, from, row + down, to);
    const cell = this.sheet.getCell(row, from);
    cell.value = value === '' ? null : value;
    const { font, alignment, fill } = STYLES[kind];
    cell.font = font;
    cell.alignment = alignment;
    if (fill) cell.fill = fill;
    if (kind === 'amount') cell.numFmt = '#,##0.00';
    if (down === 0) this.need(row, kind, typeof value === 'string' ? value : '', this.widthOf(from, to));
  }

  /** Borders around every cell of rows `first..last`, and the row heights. */
  finish(first: number, last: number): void {
    for (let row = first; row <= last; row += 1) {
      for (let column = 1; column <= this.widths.length; column += 1) {
        this.sheet.getCell(row, column).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      }
    }
    for (const [row, height] of this.heights) this.sheet.getRow(row).height = height;
  }

  private widthOf(from: number, to: number): number {
    return this.widths.slice(from - 1, to).reduce((sum, width) => sum + width, 0);
  }

  private need(row: number, kind: Kind, text: string, width: number): void {
    const height = Math.max(MIN_HEIGHTS[kind] ?? 18, linesOf(text, width) * LINE_HEIGHT + 4);
    this.heights.set(row, Math.max(this.heights.get(row) ?? 0, height));
  }
}

/** How many lines `text` wraps to in a cell `width` characters wide (a Chinese character is two). */
export function linesOf(text: string, width: number): number {
  const perLine = Math.max(1, width - 2);
  return text.split('\n').reduce((lines, paragraph) => {
    const span = [...paragraph].reduce((sum, char) => sum + (char.codePointAt(0)! < 0x100 ? 1 : 2), 0);
    return lines + Math.max(1, Math.ceil(span / perLine));
  }, 0);
}
