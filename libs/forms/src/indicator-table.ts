import { isLevel1, LEVEL2 } from '@app/declarations/domain';
import { say, type Text } from '@app/platform/messages';
import type { FindingCode, FindingSeverity } from './parsed-form.js';
import { type Cells, joinText, normaliseLabel } from './text-cells.js';

/** Something the layout itself says about a row, turned into a finding once the row has its index. */
export interface RowNote {
  code: FindingCode;
  severity: FindingSeverity;
  field: 'level1' | 'level2' | 'name' | 'target';
  message: Text;
}

/** One indicator row as printed, its labels carried down from the rows above. */
export interface TableRow {
  level1: string;
  level2: string;
  name: string;
  target: string | null;
  notes: RowNote[];
}

type LabelCell = { kind: 'level1' | 'level2'; label: string } | { kind: 'tail' };

const TAILS: readonly string[] = ['指标', '标'];

/**
 * A level label, also when the export split it: `满意度指 标` within a cell, or `社会效益` with its
 * `指标` pushed onto the next line. The short form counts only when that next line really starts
 * with the tail: `服务对象满意度` alone is an indicator's name, not a label.
 */
export function labelOf(cell: string, tail: string | null = null): LabelCell | null {
  const text = normaliseLabel(cell);
  if (TAILS.includes(text)) return { kind: 'tail' };
  for (const label of tail === null ? [text] : [text, `${text}${tail}`]) {
    if (isLevel1(label)) return { kind: 'level1', label };
    if (LEVEL2.includes(label)) return { kind: 'level2', label };
  }
  return null;
}

/** The column heads (一级指标 | 二级指标 | 三级指标 | 年度指标值), also when a page break repeats them. */
export function isTableHeader(cells: Cells): boolean {
  return cells.some((cell) => ['一级指标', '二级指标', '三级指标'].includes(normaliseLabel(cell)));
}

/**
 * The rows of the table. A row is read from its non-empty cells in order, never from their
 * columns (form 3 has them all over the place): the leading cells that are level labels set the
 * labels, the last remaining cell is the target, the ones before it the name. A row without labels
 * continues the labels above it, as the printed merged cells mean. A row past `max` throws what
 * `overMax` gives, at once: the rest of the table is not read.
 */
export function readIndicatorRows(
  lines: readonly Cells[],
  max = Number.POSITIVE_INFINITY,
  overMax: () => Error = () => new RangeError(`more than ${max} indicator rows`),
): TableRow[] {
  const rows: TableRow[] = [];
  const carried = { level1: '', level2: '' };
  let pending: RowNote[] = [];
  const table = tableLines(lines);
  table.forEach(({ cells, afterBreak }, at) => {
    const leading = leadingLabels(cells, tailOf(table[at + 1]?.cells));
    const rest = cells.slice(leading.length);
    pending.push(...carryLabels(carried, leading));
    const previous = rows.at(-1);
    if (rest.length === 0) return;
    if (afterBreak && leading.length === 0 && rest.length === 1 && previous) return mergeTail(previous, rest[0]!);
    if (rows.length === max) throw overMax();
    rows.push(newRow(carried, rest, pending));
    pending = [];
  });
  return rows;
}

/**
 * The lines that carry table cells, each marked when a blank line (a page break) precedes it:
 * only there does the export push the tail of a cell onto a line of its own.
 */
function tableLines(lines: readonly Cells[]): { cells: Cells; afterBreak: boolean }[] {
  const table: { cells: Cells; afterBreak: boolean }[] = [];
  let afterBreak = false;
  for (const line of lines) {
    const cells = line.filter((cell) => normaliseLabel(cell) !== '绩效指标');
    if (cells.length === 0) afterBreak ||= line.length === 0;
    else if (!isTableHeader(cells)) {
      table.push({ cells, afterBreak });
      afterBreak = false;
    }
  }
  return table;
}

/** The label tail a line starts with (`指标`), which the line before it lost. */
function tailOf(next: Cells | undefined): string | null {
  const first = next?.[0] === undefined ? '' : normaliseLabel(next[0]);
  return TAILS.includes(first) ? first : null;
}

/** The leading label cells; the tail can complete one cell only, and only before any level 2. */
function leadingLabels(cells: Cells, tail: string | null): LabelCell[] {
  const labels: LabelCell[] = [];
  let open = tail;
  for (const cell of cells) {
    const label = labelOf(cell) ?? labelOf(cell, labels.some(({ kind }) => kind === 'level2') ? null : open);
    if (!label) break;
    if (labelOf(cell) === null) open = null;
    labels.push(label);
  }
  return labels;
}

/** Moves the carried labels on; a level 1 printed without its level 2 leaves the level 2 unknown. */
function carryLabels(carried: { level1: string; level2: string }, leading: readonly LabelCell[]): RowNote[] {
  const level1s = leading.flatMap((cell) => (cell.kind === 'level1' ? [cell.label] : []));
  const level2s = leading.flatMap((cell) => (cell.kind === 'level2' ? [cell.label] : []));
  const notes: RowNote[] = [];
  const level1 = level1s.at(-1);
  if (level1 !== undefined) {
    if (level1 !== carried.level1 && level2s.length === 0) carried.level2 = '';
    carried.level1 = level1;
  } else if (level2s.length > 1) {
    // Two level-2 labels and no level 1 (`质量指标 | 质量指标`): the first sat in the level-1 column.
    notes.push({
      code: 'INDICATOR_LEVEL1_CELL_MISLABELLED',
      severity: 'warning',
      field: 'level1',
      message: say('finding.INDICATOR_LEVEL1_CELL_MISLABELLED', { printed: level2s[0]!, level1: carried.level1 }),
    });
  }
  const level2 = level2s.at(-1);
  if (level2 !== undefined) carried.level2 = level2;
  return notes;
}

function newRow(carried: { level1: string; level2: string }, rest: Cells, notes: RowNote[]): TableRow {
  const nameCells = rest.length > 1 ? rest.slice(0, -1) : rest;
  const row: TableRow = {
    level1: carried.level1,
    level2: carried.level2,
    name: nameCells.reduce(joinText),
    target: rest.length > 1 ? rest.at(-1)! : null,
    notes,
  };
  if (row.level1 === '' || row.level2 === '') {
    const missing = row.level1 === '' ? 'level1' : 'level2';
    const message = say('finding.INDICATOR_LABEL_MISSING', { label: say(`formField.${missing}`) });
    notes.push({ code: 'INDICATOR_LABEL_MISSING', severity: 'blocking', field: missing, message });
  }
  if (nameCells.length > 1) {
    const message = say('finding.INDICATOR_CELLS_MERGED', { count: nameCells.length });
    notes.push({ code: 'INDICATOR_CELLS_MERGED', severity: 'warning', field: 'name', message });
  }
  return row;
}

/**
 * A line after a page break with one cell and no labels is the wrapped tail of the row above: it
 * completes that row's target if it had none, otherwise its name, the long cell that wraps.
 * Elsewhere such a line is a row whose target is missing (form 29 prints one).
 */
function mergeTail(row: TableRow, tail: string): void {
  const field = row.target === null ? 'target' : 'name';
  if (field === 'target') row.target = tail;
  else row.name = joinText(row.name, tail);
  const message = say(field === 'target' ? 'finding.INDICATOR_ROW_WRAPPED' : 'finding.INDICATOR_ROW_WRAPPED.name', {
    tail,
  });
  row.notes.push({ code: 'INDICATOR_ROW_WRAPPED', severity: 'warning', field, message });
}
