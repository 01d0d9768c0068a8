import { describe, expect, it } from '@jest/globals';
import type { DeclarationCommand } from './commands.js';
import { draftCommand, histories, people, soundContent, stateAfter, when } from './declaration.fixtures.js';

const invalid = (path: string, code: string) =>
  expect.objectContaining({
    code: 'VALIDATION_FAILED',
    errors: expect.arrayContaining([expect.objectContaining({ path, code })]),
  });

describe('when drafting', () => {
  it('records every field and gives each indicator a stable id', () => {
    const [event] = when([], draftCommand(), people.preparer);
    expect(event!.type).toBe('DeclarationDrafted');
    const state = stateAfter([event!]);
    expect(state.content.indicators.map((i) => i.id)).toEqual(['new-1', 'new-2', 'new-3', 'new-4', 'new-5', 'new-6']);
    expect(state.content.funds.annualTotal).toBe(38141984);
    expect(state).toMatchObject({ unitId: 'unit-a', departmentId: 'dept-d', revision: 1, createdBy: 'preparer-a' });
  });

  it('refuses typed rows that break the rules, naming each field', () => {
    const content = soundContent();
    content.indicators.push({ level1: '产出指标', level2: '社会效益指标', name: '长'.repeat(101), target: '≥abc(%)' });
    content.funds.carryOver = 5;
    const attempt = () => when([], draftCommand(content), people.preparer);
    expect(attempt).toThrow(invalid('indicators[6].level2', 'INDICATOR_LEVEL2_MISPLACED'));
    expect(attempt).toThrow(invalid('indicators[6].name', 'INDICATOR_NAME_TOO_LONG'));
    expect(attempt).toThrow(invalid('indicators[6].target', 'INDICATOR_TARGET_INVALID'));
    expect(attempt).toThrow(invalid('funds.annualTotal', 'FUNDS_INCONSISTENT'));
  });

  it('keeps an imported form whole, rows as printed, for the checks to flag', () => {
    const content = soundContent();
    content.indicators.push({ level1: '产出指标', level2: '社会效益指标', name: '错位的指标', target: null });
    const command: DeclarationCommand = {
      ...draftCommand(content),
      origin: { kind: 'import', fileSha256: 'abc', formIndex: 7 },
    };
    const state = stateAfter(when([], command, people.preparer));
    expect(state.content.indicators).toHaveLength(7);
    expect(state.origin).toEqual({ kind: 'import', fileSha256: 'abc', formIndex: 7 });
  });
});

describe('when revising a draft', () => {
  it('records what changed, before and after, one event per part of the form', () => {
    const events = when(
      histories.draft(),
      {
        type: 'ReviseDeclaration',
        basic: { projectName: '网络信息系统运维', nature: '其他经常性项目' },
        funds: { carryOver: 100, annualTotal: 38142084 },
        goals: { overallGoal: '长期稳定运行' },
      },
      people.preparer,
    );
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [
        'BasicInformationRevised',
        expect.objectContaining({
          changes: { projectName: { before: '网络信息系统运行与维护', after: '网络信息系统运维' } },
        }),
      ],
      [
        'FundsRevised',
        expect.objectContaining({
          changes: { carryOver: { before: 0, after: 100 }, annualTotal: { before: 38141984, after: 38142084 } },
        }),
      ],
      ['GoalsRevised', expect.objectContaining({ changes: { overallGoal: { before: null, after: '长期稳定运行' } } })],
    ]);
  });

  it('records nothing when nothing changes', () => {
    expect(when(histories.draft(), { type: 'ReviseDeclaration', basic: { year: 2025 } }, people.preparer)).toEqual([]);
  });

  it('refuses funds that would no longer add up, and dates outside the year', () => {
    expect(() =>
      when(histories.draft(), { type: 'ReviseDeclaration', funds: { carryOver: 100 } }, people.preparer),
    ).toThrow(invalid('funds.annualTotal', 'FUNDS_INCONSISTENT'));
    expect(() =>
      when(histories.draft(), { type: 'ReviseDeclaration', basic: { plannedEnd: '2026-03-01' } }, people.preparer),
    ).toThrow(invalid('plannedEnd', 'PLANNED_DATES_INVALID'));
  });

  it('adds, revises and removes indicators by id', () => {
    const given = histories.draft();
    const added = when(
      given,
      {
        type: 'AddIndicator',
        indicator: { level1: '效益指标', level2: '可持续影响指标', name: '制度健全', target: '健全' },
      },
      people.preparer,
    );
    expect(added).toEqual([
      expect.objectContaining({ type: 'IndicatorAdded', data: expect.objectContaining({ position: 6 }) }),
    ]);
    const id = stateAfter(given).content.indicators[1]!.id;
    const revised = when(
      given,
      { type: 'ReviseIndicator', indicatorId: id, changes: { target: '≥6(次)' } },
      people.preparer,
    );
    expect(revised[0]!.data).toMatchObject({
      indicatorId: id,
      changes: { target: { before: '≥4(次)', after: '≥6(次)' } },
    });
    const removed = when(given, { type: 'RemoveIndicator', indicatorId: id }, people.preparer);
    expect(stateAfter([...given, ...removed]).content.indicators.map((i) => i.name)).not.toContain('巡检次数');
    expect(removed[0]!.data).toMatchObject({ removed: { id, name: '巡检次数' } });
  });

  it('refuses a typed indicator that breaks the rules, and an unknown indicator id', () => {
    const given = histories.draft();
    expect(() =>
      when(
        given,
        { type: 'AddIndicator', indicator: { level1: '成本指标', level2: '数量指标', name: 'x', target: '及时' } },
        people.preparer,
      ),
    ).toThrow(invalid('indicators[6].level2', 'INDICATOR_LEVEL2_MISPLACED'));
    expect(() => when(given, { type: 'RemoveIndicator', indicatorId: 'nope' }, people.preparer)).toThrow(
      expect.objectContaining({ code: 'INDICATOR_NOT_FOUND' }),
    );
  });

  it('is refused outside draft', () => {
    expect(() =>
      when(histories.departmental_review(), { type: 'RemoveIndicator', indicatorId: 'new-1' }, people.preparer),
    ).toThrow(expect.objectContaining({ code: 'DECLARATION_ILLEGAL_TRANSITION' }));
  });
});
