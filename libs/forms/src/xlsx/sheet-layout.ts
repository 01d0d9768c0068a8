import type { FormSheetIndicator } from './form-sheet.js';

/**
 * A column of the indicator table right of its labels: its heading, the Excel character widths of
 * the sheet columns it spans and what it prints of each row. The table's columns are data, so one
 * more (the reviewers' 审核意见) is one more entry, and the head block widens with it.
 */
export interface RowColumn {
  heading: string;
  widths: readonly number[];
  value(row: FormSheetIndicator): string | null;
}

/** The official form's: the level-3 indicator (D:F, the widest cell) and its target (G). */
export const OFFICIAL_COLUMNS: readonly RowColumn[] = [
  { heading: '三级指标', widths: [20, 16, 10], value: ({ name }) => name },
  { heading: '年度(/项目)指标值', widths: [22], value: ({ target }) => target },
];

/** The reviewers' 审核意见, right of the target: printed when a reader asks for opinions. */
export const OPINION_COLUMN: RowColumn = { heading: '审核意见', widths: [30], value: ({ opinion }) => opinion ?? null };

// A: 绩效指标 and the head block's labels; B: 一级指标; C: 二级指标.
const LABEL_WIDTHS = [14, 13, 18] as const;
export const LEVEL1_COLUMN = 2;
export const LEVEL2_COLUMN = 3;

/** Where everything goes across the sheet. */
export interface SheetLayout {
  /** Every sheet column's width, A first. */
  widths: readonly number[];
  /** The last sheet column (1-based): the head block's right-hand cells reach it. */
  last: number;
  /** Each row column with the sheet columns it spans. */
  columns: readonly { column: RowColumn; span: readonly [number, number] }[];
}

/**
 * The layout for these row columns. The head block is laid out on A:F as on the form, so the
 * first row column must span D:F at least (the official 三级指标 does).
 */
export function layoutOf(columns: readonly RowColumn[] = OFFICIAL_COLUMNS): SheetLayout {
  let next = LABEL_WIDTHS.length + 1;
  const spans = columns.map((column) => {
    const span = [next, next + column.widths.length - 1] as const;
    next += column.widths.length;
    return { column, span };
  });
  if (next - 1 < 7) throw new RangeError('the head block needs at least seven sheet columns (A:G)');
  return { widths: [...LABEL_WIDTHS, ...columns.flatMap(({ widths }) => widths)], last: next - 1, columns: spans };
}
