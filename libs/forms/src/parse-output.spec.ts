import { describe, expect, it } from '@jest/globals';
import { songjiangForms } from './forms.fixtures.js';
import { toParseOutput } from './parse-output.js';
import { readFormsText } from './read-forms.js';

const forms = readFormsText(songjiangForms());

describe('the CLI output', () => {
  const output = toParseOutput(forms);

  it('prints amounts in yuan, exactly as the form wrote them', () => {
    expect(output[0]!.funds).toEqual({
      projectTotal: null,
      annualTotal: 381419.84,
      currentYearAppropriation: 381419.84,
      carryOver: 0,
      otherFunds: 0,
    });
    expect(output.map(({ funds }) => funds.annualTotal)).toContain(9193400.7);
    expect(JSON.stringify(output[21]!.funds)).toBe(
      '{"projectTotal":null,"annualTotal":9193400.7,"currentYearAppropriation":9068300,"carryOver":125100.7,"otherFunds":null}',
    );
  });

  it('keeps the key order of ParsedForm, its indicators and findings', () => {
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
    expect(Object.keys(output[0]!.indicators[0]!)).toEqual([
      'level1',
      'level2',
      'name',
      'target',
      'comparator',
      'value',
      'unit',
    ]);
    expect(Object.keys(output[13]!.findings[0]!)).toEqual(['code', 'severity', 'message', 'path']);
  });

  it('changes nothing but the amounts', () => {
    const back = output.map((form, at) => ({ ...form, funds: forms[at]!.funds }));
    expect(back).toEqual(forms);
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
  });
});

describe('targets with brackets inside their unit', () => {
  it('reads ≤500.00(元/项目(班级)) of form 5 as ≤, 500, 元/项目(班级)', () => {
    expect(toParseOutput(forms)[4]!.indicators[2]).toMatchObject({
      target: '≤500.00(元/项目(班级))',
      comparator: '≤',
      value: 500,
      unit: '元/项目(班级)',
    });
  });
});
