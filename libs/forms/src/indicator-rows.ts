import { level1Of, parseTarget } from '@app/declarations/domain';
import { misfitOf } from './label-fit.js';
import { type Finding, finding, type ParsedIndicator } from './parsed-form.js';
import type { TableRow } from './indicator-table.js';

/**
 * The rows as indicators, with what the printed layout tells about each (a wrapped row, merged
 * cells, words that fit another label). Whether the indicators make a sound declaration (targets,
 * names, the level-1s present, each level 2 under its own level 1) is the domain's rule set's to
 * say: the importer and `forms parse` run it on what was read.
 */
export function readIndicators(rows: readonly TableRow[]): { indicators: ParsedIndicator[]; findings: Finding[] } {
  const indicators: ParsedIndicator[] = [];
  const findings: Finding[] = [];
  rows.forEach((row, at) => {
    const path = `indicators[${at}]`;
    findings.push(
      ...row.notes.map(({ code, severity, field, message }) => finding(code, severity, `${path}.${field}`, message)),
    );
    const indicator = readRow(row);
    indicators.push(indicator);
    // A level 2 under another level 1 is the rule set's INDICATOR_LEVEL2_MISPLACED; only a row
    // under its own labels is weighed against its words.
    const underOwnLabels = indicator.level1 !== '' && level1Of(indicator.level2) === indicator.level1;
    const misfit = underOwnLabels ? misfitOf(indicator) : undefined;
    if (misfit) {
      findings.push(finding('INDICATOR_LABEL_MISFIT', 'warning', `${path}.${misfit.field}`, misfit.message));
    }
  });
  return { indicators, findings };
}

/** A row as printed; a quantitative target also split into comparator, number and unit. */
function readRow(row: TableRow): ParsedIndicator {
  const { level1, level2, name, target } = row;
  const indicator: ParsedIndicator = { level1, level2, name, target, comparator: null, value: null, unit: null };
  const parsed = target === null ? null : parseTarget(target);
  if (parsed?.kind !== 'quantitative') return indicator;
  return { ...indicator, comparator: parsed.comparator, value: parsed.value, unit: parsed.unit };
}
