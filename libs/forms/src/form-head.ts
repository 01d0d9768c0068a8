import { printedYuanToFen } from '@app/declarations/domain';
import { say } from '@app/platform/messages';
import { type Finding, type Funds, finding } from './parsed-form.js';
import { type Cells, joinText, normaliseLabel } from './text-cells.js';
import { parseDate, parseYear } from './values.js';

type TextKey =
  'projectName' | 'nature' | 'category' | 'department' | 'implementingUnit' | 'plannedStart' | 'plannedEnd';
type GoalKey = 'overallGoal' | 'annualGoal';
type HeadKey = TextKey | GoalKey | keyof Funds;

/** Labels of the part above the indicator table; `null` marks a printed label that carries no value of ours. */
const HEAD_LABELS: ReadonlyMap<string, HeadKey | null> = new Map<string, HeadKey | null>([
  ['项目名称', 'projectName'],
  ['项目性质', 'nature'],
  ['项目类别', 'category'],
  ['主管部门', 'department'],
  ['实施单位', 'implementingUnit'],
  ['计划开始日期', 'plannedStart'],
  ['计划完成日期', 'plannedEnd'],
  ['项目资金(元)', null],
  ['项目资金总额', 'projectTotal'],
  ['财政资金', null],
  ['年度资金申请总额', 'annualTotal'],
  ['当年财政拨款', 'currentYearAppropriation'],
  ['上年结转资金', 'carryOver'],
  ['其他资金', 'otherFunds'],
  ['项目绩效目标', null],
  ['项目总目标', 'overallGoal'],
  ['年度总体目标', 'annualGoal'],
]);
const ANNUAL_FUNDS: ReadonlySet<HeadKey> = new Set(['annualTotal', 'currentYearAppropriation', 'carryOver']);
const TEXT_KEYS: readonly TextKey[] = [
  'projectName',
  'nature',
  'category',
  'department',
  'implementingUnit',
  'plannedStart',
  'plannedEnd',
];

export interface FormHead {
  year: number | undefined;
  fields: Record<TextKey, string | null>;
  funds: Funds;
  overallGoal: string | null;
  annualGoal: string | null;
  findings: Finding[];
}

function isHeadLabel(cell: string): boolean {
  return HEAD_LABELS.has(normaliseLabel(cell));
}

/** Reads everything above the indicator table by its labels, in whatever cells they landed. */
export function readHead(lines: readonly Cells[]): FormHead {
  const values = new Map<HeadKey, string | null>();
  const goalText: Cells[] = [];
  let year: number | undefined;
  let inGoals = false;
  for (const cells of lines) {
    if (cells.length === 0) continue;
    // Only above the goals: a goal may well mention another year (`对2024年度失业保险…`).
    if (!inGoals) year ??= cells.map(parseYear).find((found) => found !== undefined);
    const pairs = labelPairs(cells);
    if (pairs.some(({ key }) => key === 'overallGoal' || key === 'annualGoal')) inGoals = true;
    else if (inGoals && !cells.some(isHeadLabel)) goalText.push(cells);
    for (const { key, value } of pairs) if (values.get(key) == null) values.set(key, value);
  }
  const findings: Finding[] = [];
  return {
    year,
    fields: readFields(values, findings),
    funds: readFunds(values, findings),
    ...readGoals(values.get('overallGoal') ?? null, values.get('annualGoal') ?? null, goalText),
    findings,
  };
}

/**
 * Each label with the cells after it up to the next label. The left half of the funds block repeats
 * `其他资金` for the multi-year total; that one is followed by an annual label on the same line
 * (`其他资金 | 其他资金 | 0.00`, `其他资金 | 上年结转资金 | 30886500.00`) and is not ours.
 */
function labelPairs(cells: Cells): { key: HeadKey; value: string | null }[] {
  const keys = cells.map((cell) => HEAD_LABELS.get(normaliseLabel(cell)));
  const pairs: { key: HeadKey; value: string | null }[] = [];
  keys.forEach((key, at) => {
    if (!key) return;
    const later = keys.slice(at + 1);
    if (key === 'otherFunds' && later.some((next) => next && (next === 'otherFunds' || ANNUAL_FUNDS.has(next)))) return;
    const end = later.findIndex((next) => next !== undefined);
    const valueCells = cells.slice(at + 1, end === -1 ? cells.length : at + 1 + end);
    pairs.push({ key, value: valueCells.length === 0 ? null : valueCells.reduce(joinText) });
  });
  return pairs;
}

function readFields(values: Map<HeadKey, string | null>, findings: Finding[]): FormHead['fields'] {
  const fields = {} as FormHead['fields'];
  for (const key of TEXT_KEYS) fields[key] = values.get(key) ?? null;
  if (fields.category === null) {
    findings.push(finding('CATEGORY_MISSING', 'warning', 'category', say('finding.CATEGORY_MISSING.printed')));
  }
  for (const key of ['nature', 'department'] as const) {
    if (fields[key] === null) {
      findings.push(
        finding('FIELD_MISSING', 'blocking', key, say('finding.FIELD_MISSING', { field: say(`formField.${key}`) })),
      );
    }
  }
  for (const key of ['plannedStart', 'plannedEnd'] as const) {
    const written = fields[key];
    fields[key] = written === null ? null : (parseDate(written) ?? null);
    // An empty date is the rule set's PLANNED_DATES_MISSING; a cell that reads as no date is the reader's.
    if (written !== null && fields[key] === null) {
      const words = say('finding.PLANNED_DATE_UNREADABLE', { field: say(`formField.${key}`), written });
      findings.push(finding('PLANNED_DATE_UNREADABLE', 'blocking', key, words));
    }
  }
  return fields;
}

function readFunds(values: Map<HeadKey, string | null>, findings: Finding[]): Funds {
  const read = (key: keyof Funds): number | null => {
    const written = values.get(key) ?? null;
    if (written === null) return null;
    const fen = printedYuanToFen(written);
    if (fen !== undefined) return fen;
    findings.push(
      finding('FUNDS_AMOUNT_INVALID', 'blocking', `funds.${key}`, say('finding.FUNDS_AMOUNT_INVALID', { written })),
    );
    return null;
  };
  return {
    projectTotal: read('projectTotal'),
    annualTotal: read('annualTotal'),
    currentYearAppropriation: read('currentYearAppropriation'),
    carryOver: read('carryOver'),
    otherFunds: read('otherFunds'),
  };
}

/**
 * The goal texts sit on the lines under the 项目总目标/年度总体目标 labels. Two cells are the two
 * goals; a single cell is the annual goal (the forms are one-year projects and leave the overall
 * goal empty; the cell sits under 年度总体目标). Any later line is the wrapped tail of the text
 * above it, cut by a page break.
 */
function readGoals(overall: string | null, annual: string | null, lines: readonly Cells[]) {
  let goals = { overallGoal: overall, annualGoal: annual };
  for (const cells of lines) {
    const text = cells.reduce(joinText);
    if (goals.overallGoal === null && goals.annualGoal === null) {
      goals =
        cells.length > 1
          ? { overallGoal: cells[0]!, annualGoal: cells.slice(1).reduce(joinText) }
          : { overallGoal: null, annualGoal: text };
    } else if (goals.annualGoal !== null) {
      goals.annualGoal = joinText(goals.annualGoal, text);
    } else {
      goals.overallGoal = joinText(goals.overallGoal!, text);
    }
  }
  return goals;
}
