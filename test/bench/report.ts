import { mkdirSync, writeFileSync } from 'node:fs';
import type { Machine } from './environment.js';

/** One row of the table: the figure, its baseline from the same run where it has one, the verdict. */
export interface Measure {
  id: string;
  name: string;
  value: number | null;
  unit: string;
  baseline: { value: number; unit: string; what: string } | null;
  /** value / baseline where the target is a ratio. */
  ratio: number | null;
  target: string;
  /** null: not measured (see note). */
  pass: boolean | null;
  note?: string;
  details: Record<string, unknown>;
}

export interface BenchResult {
  date: string;
  machine: Machine;
  scale: number;
  durationSeconds: number;
  elapsedSeconds: number;
  seeded: { declarations: number; events: number };
  /** The database's size on disk at the end, and its largest tables. */
  storage: { databaseMb: number; tables: { table: string; mb: number }[] };
  measures: Measure[];
}

const fmt = (n: number | null, unit = ''): string => {
  if (n === null) return '—';
  const text = Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2);
  return unit ? `${text} ${unit}` : text;
};

/** The table as the README shows it (Markdown), one row per measure. */
export function table(measures: readonly Measure[]): string {
  const rows = measures.map((m) => [
    m.id,
    m.name,
    fmt(m.value, m.unit),
    m.baseline ? `${fmt(m.baseline.value, m.baseline.unit)} (${m.baseline.what})` : '—',
    m.ratio === null ? '—' : m.ratio.toFixed(2),
    m.target,
    m.pass === null ? 'not measured' : m.pass ? 'pass' : 'FAIL',
  ]);
  const head = ['#', 'measure', 'value', 'baseline (same run)', 'ratio', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function writeResult(directory: string, result: BenchResult, snapshot: boolean): string[] {
  mkdirSync(directory, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const files = [`${directory}/latest.json`];
  if (snapshot) files.push(`${directory}/full-${result.date.slice(0, 10)}.json`);
  else if (result.scale > 1) files.push(`${directory}/scale-${result.scale}-${result.date.slice(0, 10)}.json`);
  for (const file of files) writeFileSync(file, json);
  return files;
}
