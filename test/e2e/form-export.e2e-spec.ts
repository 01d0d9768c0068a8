import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { readFormsXlsx } from '@app/forms';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody, versionOf } from '../support/declarations.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EMPLOYMENT = '上海市松江区就业促进中心';

interface IndicatorView {
  level1: string;
  level2: string;
  name: string;
  target: string;
  parsedTarget: { comparator?: string; value?: number; unit?: string };
}

/** supertest buffers only text and JSON by itself. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('the official form as .xlsx', () => {
  const api = useApi();
  let tokens: Record<string, string>;
  let people: Record<string, ReturnType<typeof client>>;
  const http = () => request(api.app.getHttpServer());
  const download = (path: string, who: string) => http().get(path).set(bearer(tokens[who]!)).buffer(true).parse(binary);

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
  });

  async function drafted(who: string, overrides: Record<string, unknown> = {}): Promise<string> {
    return (await people[who]!.create(soundBody(overrides)).expect(201)).body.id as string;
  }

  it('exports one declaration as its form, which the reader gives back field for field', async () => {
    const id = await drafted('preparer', { projectName: '网络信息系统开发、升级、建设(历年已批复)' });
    const response = await download(`/declarations/${id}/form.xlsx`, 'dept-reviewer').expect(200);
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="sj-hrss-bureau-2025-${id}.xlsx"; filename*=UTF-8''` +
        encodeURIComponent('上海市松江区人力资源和社会保障局（本级）-2025-网络信息系统开发、升级、建设') +
        `%28${encodeURIComponent('历年已批复')}%29.xlsx`,
    );
    expect(response.headers.etag).toBe('"1"');
    const view = (await people.preparer!.get(id).expect(200)).body;
    const [form, ...others] = await readFormsXlsx(response.body as Buffer);
    expect(others).toEqual([]);
    expect(form).toEqual({
      index: 1,
      year: 2025,
      projectName: view.projectName,
      nature: view.nature,
      category: view.category,
      department: '上海市松江区人力资源和社会保障局',
      implementingUnit: '上海市松江区人力资源和社会保障局（本级）',
      plannedStart: '2025-01-01',
      plannedEnd: '2025-12-31',
      funds: {
        projectTotal: null,
        annualTotal: 38141984,
        currentYearAppropriation: 38141984,
        carryOver: 0,
        otherFunds: 0,
      },
      overallGoal: null,
      annualGoal: view.annualGoal,
      indicators: (view.indicators as IndicatorView[]).map(({ level1, level2, name, target, parsedTarget }) => ({
        level1,
        level2,
        name,
        target,
        comparator: parsedTarget.comparator ?? null,
        value: parsedTarget.value ?? null,
        unit: parsedTarget.unit ?? null,
      })),
      findings: [],
    });
  });

  it('exports the declaration as it stood at an earlier version', async () => {
    const id = await drafted('preparer');
    const revised = await people.preparer!.patch(id, 1, { annualGoal: '系统全年稳定运行。' }).expect(200);
    expect(versionOf(revised)).toBe(2);
    const now = await readFormsXlsx((await download(`/declarations/${id}/form.xlsx`, 'preparer').expect(200)).body);
    const then = await download(`/declarations/${id}/form.xlsx?version=1`, 'preparer').expect(200);
    expect(now[0]!.annualGoal).toBe('系统全年稳定运行。');
    expect((await readFormsXlsx(then.body as Buffer))[0]!.annualGoal).toBe(soundBody().annualGoal);
  });

  it('exports a unit’s declarations of one year, one sheet each, in the order they were drafted', async () => {
    await drafted('employment-preparer', { projectName: '就业补助' });
    await drafted('employment-preparer', { projectName: '创业补助' });
    await drafted('employment-preparer', { year: 2026, plannedStart: '2026-01-01', plannedEnd: '2026-12-31' });
    for (const unit of ['sj-hrss-employment', EMPLOYMENT, '上海市松江区 就业促进中心']) {
      const path = `/declarations/form.xlsx?unit=${encodeURIComponent(unit)}&year=2025`;
      const response = await download(path, 'dept-reviewer').expect(200);
      expect(response.headers['content-type']).toBe(XLSX);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="sj-hrss-employment-2025-forms.xlsx"; ` +
          `filename*=UTF-8''${encodeURIComponent(`${EMPLOYMENT}-2025-绩效目标申报表.xlsx`)}`,
      );
      const forms = await readFormsXlsx(response.body as Buffer);
      expect(
        forms.map(({ index, projectName, year, implementingUnit }) => [index, projectName, year, implementingUnit]),
      ).toEqual([
        [1, '就业补助', 2025, EMPLOYMENT],
        [2, '创业补助', 2025, EMPLOYMENT],
      ]);
    }
    const own = await download(
      '/declarations/form.xlsx?unit=sj-hrss-employment&year=2026',
      'employment-preparer',
    ).expect(200);
    expect((await readFormsXlsx(own.body as Buffer)).map(({ year }) => year)).toEqual([2026]);
  });

  it('wins over GET /declarations/:id, which would take form.xlsx for an id', async () => {
    const response = await people.auditor!.get('form.xlsx').expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('hides what the caller may not read: 404, as GET /declarations/:id does', async () => {
    const id = await drafted('preparer');
    for (const outsider of ['employment-preparer', 'other-preparer', 'other-reviewer']) {
      const refused = await people[outsider]!.get(`${id}/form.xlsx`).expect(404);
      expect(refused.body).toEqual({ code: 'NOT_FOUND', message: '申报表不存在', errors: [] });
    }
    await people.auditor!.get('00000000-0000-4000-8000-000000000000/form.xlsx').expect(404);
    await people.auditor!.get('not-a-uuid/form.xlsx').expect(404);
    const none = await people['other-preparer']!.get('form.xlsx?unit=sj-hrss-employment&year=2025').expect(404);
    expect(none.body).toMatchObject({
      code: 'NOT_FOUND',
      message: `${EMPLOYMENT}没有您可查看的 2025 年度申报表`,
    });
    await people['dept-reviewer']!.get('form.xlsx?unit=sj-hrss-employment&year=2031').expect(404);
  });

  it('asks for a token', async () => {
    const id = await drafted('preparer');
    await http().get(`/declarations/${id}/form.xlsx`).expect(401);
    await http().get('/declarations/form.xlsx?unit=sj-hrss-bureau&year=2025').expect(401);
  });

  it('answers a bad query with 400 naming each field', async () => {
    const pathsOf = async (query: string): Promise<string[]> => {
      const response = await people.auditor!.get(`form.xlsx${query}`).expect(400);
      return (response.body.errors as { path: string; code: string }[]).map(({ path, code }) => `${path} ${code}`);
    };
    expect(await pathsOf('')).toEqual(['unit REQUIRED', 'year REQUIRED']);
    expect(await pathsOf('?unit=sj-hrss-bureau&year=twenty')).toEqual(['year INVALID_FORMAT']);
    expect(await pathsOf('?unit=&year=2025&year=2026')).toEqual(['unit TOO_SHORT', 'year INVALID_TYPE']);
    expect(await pathsOf('?unit=sj-hrss-bureau&year=1999')).toEqual(['year TOO_SMALL']);
    expect(await pathsOf('?unit=sj-hrss-bureau&year=2025&sheet=1')).toEqual(['sheet UNKNOWN_FIELD']);
    expect(await pathsOf('?unit=no-such-unit&year=2025')).toEqual(['unit UNKNOWN_UNIT']);
    await people.auditor!.get(`00000000-0000-4000-8000-000000000000/form.xlsx?version=zero`).expect(400);
  });
});
