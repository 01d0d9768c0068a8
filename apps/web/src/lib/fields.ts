/** How a changed field and its values read to a person: Chinese field names, indicators by name. */

const FIELD_LABEL: Record<string, string> = {
  year: '预算年度',
  projectName: '项目名称',
  nature: '项目性质',
  category: '项目类别',
  plannedStart: '计划开始日期',
  plannedEnd: '计划完成日期',
  overallGoal: '项目总目标',
  annualGoal: '年度总体目标',
  'funds.projectTotal': '项目资金总额',
  'funds.annualTotal': '年度资金申请总额',
  'funds.currentYearAppropriation': '当年财政拨款',
  'funds.carryOver': '上年结转资金',
  'funds.otherFunds': '其他资金',
};

const INDICATOR_FIELD: Record<string, string> = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  target: '年度指标值',
};

/** `indicators[<id>].target` → `指标「培训人次」· 年度指标值`; names come from `names` (id → name). */
export function fieldLabel(field: string, names: ReadonlyMap<string, string> = new Map()): string {
  const indicator = /^indicators\[([^\]]+)\](?:\.(\w+))?$/u.exec(field);
  if (!indicator) return FIELD_LABEL[field] ?? field;
  const [, id = '', part] = indicator;
  const which = `指标「${names.get(id) ?? id.slice(0, 8)}」`;
  return part ? `${which} · ${INDICATOR_FIELD[part] ?? part}` : which;
}

export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '（空）';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const o = value as Record<string, unknown>;
  if (typeof o.name === 'string') return [o.level1, o.level2, o.name, o.target].map((v) => showValue(v)).join(' / ');
  return JSON.stringify(value);
}
