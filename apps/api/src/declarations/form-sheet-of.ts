import { shownYuanToFen, type DeclarationView, type Stage } from '@app/declarations';
import { render, say } from '@app/platform';
import { formMarkOf, type FormSheet } from '@app/forms';

/**
 * A declaration as the official form shows it: names of its unit and department, money back in
 * fen, and the mark of a form not yet confirmed (草稿, 审核中, 第1次调整（草稿）…).
 */
/** The printed form is Chinese: a stage as the catalogue names it. */
const stageName = (stage: Stage): string => render(say(`stage.${stage}`), 'zh');

export function formSheetOf(view: DeclarationView): FormSheet {
  const opinionOf = (id: string): string | null => {
    const given = view.opinions[id] ?? [];
    return given.length === 0
      ? null
      : given.map((o) => `${stageName(o.stage)}（${o.by.name}）：${o.opinion}`).join('\n');
  };
  return {
    year: view.year,
    projectName: view.projectName,
    nature: view.nature,
    category: view.category,
    department: view.department.name,
    implementingUnit: view.unit.name,
    plannedStart: view.plannedStart ?? '',
    plannedEnd: view.plannedEnd ?? '',
    funds: {
      projectTotal: fenOf(view.funds.projectTotal),
      annualTotal: fenOf(view.funds.annualTotal),
      currentYearAppropriation: fenOf(view.funds.currentYearAppropriation),
      carryOver: fenOf(view.funds.carryOver),
      otherFunds: fenOf(view.funds.otherFunds),
    },
    overallGoal: view.overallGoal,
    annualGoal: view.annualGoal,
    indicators: view.indicators.map(({ id, level1, level2, name, target }) => ({
      level1,
      level2,
      name,
      target,
      opinion: opinionOf(id),
    })),
    mark: formMarkOf(view.state, view.revision),
  };
}

/** The view's yuan (fen / 100) back to fen exactly; an imported form may hold a negative amount. */
function fenOf(yuan: number | null): number | null {
  if (yuan === null) return null;
  const fen = shownYuanToFen(yuan);
  if (fen === null) throw new Error(`Not an amount in yuan: ${yuan}`);
  return fen;
}

/** A file's name, in Chinese, and its ASCII stand-in for clients that do not read `filename*`. */
export interface FileName {
  name: string;
  ascii: string;
}

// Not in a file name on Windows or anywhere: path separators, wildcards, quotes, control characters.
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\p{Cc}]/gu;
// 80 Chinese characters are 240 bytes of UTF-8: the name and .xlsx within the 255 bytes file systems allow.
const MAX_NAME = 80;

/**
 * `<unit>-<year>-<project>`, the way the bureau files its forms; a unit's workbook is
 * `<unit>-<year>-绩效目标申报表`. The ASCII stand-in is made of ids: no client that needs it reads Chinese.
 */
export function fileNameOf(
  unit: { id: string; name: string },
  year: number,
  project?: { id: string; name: string },
): FileName {
  const name = [unit.name, year, project?.name ?? '绩效目标申报表'].join('-').replace(NOT_IN_FILE_NAMES, '_');
  const ascii = [unit.id, year, project?.id ?? 'forms'].join('-').replace(/[^\w.-]/gu, '_');
  return { name: [...name].slice(0, MAX_NAME).join(''), ascii };
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266/5987): the ASCII stand-in first, then
 * the name percent-encoded, including the `'()*` that encodeURIComponent leaves (project names
 * print half-width brackets).
 */
export function attachmentOf({ name, ascii }: FileName): string {
  const encoded = encodeURIComponent(`${name}.xlsx`).replace(
    /['()*]/gu,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encoded}`;
}
