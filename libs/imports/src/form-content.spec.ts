import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RULE_SET, type Finding } from '@app/declarations/domain';
import { mergeFindings } from '@app/declarations/domain';
import { checkedParseOutput, checksOf, draftContentOfForm, findingsOfForm } from './form-content.js';
import { songjiangForms } from './imports.fixtures.js';

const forms = songjiangForms();
const finding = (code: string, path: string, severity: Finding['severity'] = 'blocking', message = code): Finding => ({
  code,
  severity,
  message,
  path,
});

describe('a form as the content of a draft', () => {
  it('keeps every field of form 1, funds in fen and the targets as printed', () => {
    const content = draftContentOfForm(forms[0]!);
    expect(content).toMatchObject({
      year: 2025,
      projectName: '网络信息系统运行与维护',
      nature: '其他经常性项目',
      category: '其他运转类',
      plannedStart: '2025-01-01',
      plannedEnd: '2025-12-31',
      funds: { projectTotal: null, annualTotal: 38141984, currentYearAppropriation: 38141984, carryOver: 0 },
      overallGoal: null,
    });
    expect(content.indicators[0]).toEqual({
      level1: '成本指标',
      level2: '经济成本指标',
      name: '局WIFI无线覆盖信息系统建设(运维)人均运维成本',
      target: '≤116.00(元/人/年)',
    });
    expect(content.indicators).toHaveLength(forms[0]!.indicators.length);
  });

  it('turns a date the form leaves empty into null, not an empty string', () => {
    const content = draftContentOfForm({ ...forms[0]!, plannedStart: '', plannedEnd: '' });
    expect(content).toMatchObject({ plannedStart: null, plannedEnd: null });
    expect(checksOf(content, DEFAULT_RULE_SET).map((f) => f.code)).toContain('PLANNED_DATES_MISSING');
  });
});

describe('merging the reader’s findings with the year’s checks', () => {
  it('keeps one finding per code and path, with the reader’s words and the rule set’s severity', () => {
    const reader = [finding('INDICATOR_TARGET_MISSING', 'indicators[2].target', 'blocking', '表上没有指标值')];
    const checks = [
      finding('INDICATOR_TARGET_MISSING', 'indicators[2].target', 'warning', '年度指标值未填写'),
      finding('OUTPUT_COVERAGE_INCOMPLETE', 'indicators', 'warning'),
    ];
    expect(mergeFindings(reader, checks)).toEqual([
      finding('INDICATOR_TARGET_MISSING', 'indicators[2].target', 'warning', '表上没有指标值'),
      finding('OUTPUT_COVERAGE_INCOMPLETE', 'indicators', 'warning'),
    ]);
  });

  it('keeps the same code at two paths, and drops a repeat within one source', () => {
    const reader = [finding('CATEGORY_MISSING', 'category'), finding('CATEGORY_MISSING', 'category')];
    const checks = [finding('PLANNED_DATES_MISSING', 'plannedStart'), finding('PLANNED_DATES_MISSING', 'plannedEnd')];
    expect(mergeFindings(reader, checks).map((f) => f.path)).toEqual(['category', 'plannedStart', 'plannedEnd']);
  });

  it('never repeats a (code, path) in any of the 33 real forms', () => {
    for (const form of forms) {
      const keys = findingsOfForm(form, DEFAULT_RULE_SET).map((f) => `${f.code} ${f.path}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe('what forms parse prints', () => {
  const output = checkedParseOutput(forms, () => DEFAULT_RULE_SET, 'zh');

  it('is the reader’s output in yuan, one object per form in file order', () => {
    expect(output).toHaveLength(33);
    expect(output.map((f) => f.index)).toEqual(forms.map((f) => f.index));
    expect(Object.keys(output[0]!)).toEqual([
      'index',
      'year',
      'projectName',
      'nature',
      'category',
      'department',
      'implementingUnit',
      'plannedStart',
      'plannedEnd',
      'funds',
      'overallGoal',
      'annualGoal',
      'indicators',
      'findings',
    ]);
    expect(output[0]!.funds).toEqual({
      projectTotal: null,
      annualTotal: 381419.84,
      currentYearAppropriation: 381419.84,
      carryOver: 0,
      otherFunds: 0,
    });
  });

  it('adds the checks only the rule set runs to the reader’s findings', () => {
    const everything = output.flatMap((f) => f.findings);
    const reader = forms.flatMap((f) => f.findings);
    expect(everything.length).toBeGreaterThan(reader.length);
    expect(everything.map((f) => f.code)).toContain('OUTPUT_COVERAGE_INCOMPLETE');
    for (const f of everything) expect(Object.keys(f)).toEqual(['code', 'severity', 'message', 'path']);
  });
});
