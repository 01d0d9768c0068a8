import { beforeAll, describe, expect, it } from '@jest/globals';
import { Users } from '@app/identity';
import { useApi } from '../support/app.js';
import { client, seedPeople, soundBody, versionOf } from '../support/declarations.js';

/** Who the test's own user changes are recorded as. */
const SYSTEM = { userId: 'system:test', role: 'system' };

type Client = ReturnType<typeof client>;
type Entry = { type: string; changes: unknown[]; hash: string; previousHash: string | null; globalPosition: string };

describe('a declaration’s history and diff over HTTP', () => {
  const api = useApi();
  let people: Record<string, Client>;
  let userIds: Record<string, string>;

  beforeAll(async () => {
    const tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
    userIds = Object.fromEntries((await api.app.get(Users).list()).map((u) => [u.username, u.id]));
  });

  it('tells what happened, who did it, when, at which stage and revision, and what changed', async () => {
    const headers = { 'Idempotency-Key': 'draft-1', 'X-Correlation-Id': 'corr-draft-1' };
    const created = await people.preparer!.create(soundBody(), headers).expect(201);
    const id = created.body.id as string;
    const funds = { funds: { annualTotal: 400000, currentYearAppropriation: '400,000.00' } };
    await people.preparer!.patch(id, 1, funds).expect(200);
    await people.preparer!.act(id, 'submit', 2, '请审核').expect(200);
    await people['dept-reviewer']!.act(id, 'return', 3, '成本测算依据不足').expect(200);

    const history = await people['dept-reviewer']!.get(id, '/history').expect(200);
    expect(history.body).toMatchObject({ declarationId: id, version: 4 });
    const entries = history.body.entries as Entry[];
    expect(entries.map((e) => e.type)).toEqual([
      'DeclarationDrafted',
      'FundsRevised',
      'DeclarationSubmitted',
      'DeclarationReturned',
    ]);
    expect(entries[0]).toEqual({
      version: 1,
      globalPosition: expect.stringMatching(/^\d+$/),
      type: 'DeclarationDrafted',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      actor: {
        id: userIds.preparer,
        username: 'preparer',
        displayName: expect.any(String),
        role: 'preparer',
        unit: 'sj-hrss-bureau',
      },
      stage: { before: null, after: 'draft' },
      revision: 1,
      comment: null,
      opinions: [],
      grade: null,
      changes: expect.arrayContaining([
        { field: 'projectName', before: null, after: '网络信息系统运行与维护' },
        { field: 'funds.annualTotal', before: null, after: 381419.84 },
      ]),
      correlationId: 'corr-draft-1',
      commandId: `${userIds.preparer}:draft-1`,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      previousHash: null,
    });
    expect(entries[1]!.changes).toEqual([
      { field: 'funds.annualTotal', before: 381419.84, after: 400000 },
      { field: 'funds.currentYearAppropriation', before: 381419.84, after: 400000 },
    ]);
    expect(entries[2]).toMatchObject({ stage: { before: 'draft', after: 'departmental_review' }, comment: '请审核' });
    expect(entries[3]).toMatchObject({
      actor: { id: userIds['dept-reviewer'], username: 'dept-reviewer', role: 'department_reviewer', unit: null },
      stage: { before: 'departmental_review', after: 'draft' },
      comment: '成本测算依据不足',
      changes: [],
    });
    for (let i = 1; i < entries.length; i += 1) {
      expect(entries[i]!.previousHash).toBe(entries[i - 1]!.hash);
      expect(BigInt(entries[i]!.globalPosition)).toBeGreaterThan(BigInt(entries[i - 1]!.globalPosition));
    }
  });

  it('shows the name a person has now, next to the role they acted in then', async () => {
    const created = await people['second-preparer']!.create(soundBody()).expect(201);
    const users = api.app.get(Users);
    await users.change(
      userIds['second-preparer']!,
      {
        displayName: '王芳',
        role: 'department_reviewer',
        departmentId: 'sj-hrss',
      },
      SYSTEM,
    );
    const history = await people.auditor!.get(created.body.id, '/history').expect(200);
    expect(history.body.entries[0].actor).toEqual({
      id: userIds['second-preparer'],
      username: 'second-preparer',
      displayName: '王芳',
      role: 'preparer',
      unit: 'sj-hrss-bureau',
    });
  });

  describe('the diff between two versions', () => {
    let id: string;
    let removedId: string;
    let addedId: string;

    beforeAll(async () => {
      const P = people.preparer!;
      const created = await P.create(soundBody()).expect(201);
      id = created.body.id as string;
      removedId = created.body.indicators[1].id as string;
      await P.patch(id, 1, { projectName: '网络信息系统运维' }).expect(200);
      const indicator = { level1: '效益指标', level2: '可持续影响指标', name: '系统可用率', target: '≥99.5(%)' };
      const added = await P.addIndicator(id, 2, indicator).expect(200);
      addedId = (added.body.indicators as { id: string; name: string }[]).find((i) => i.name === '系统可用率')!.id;
      await P.reviseIndicator(id, addedId, 3, { target: '≥99.9(%)' }).expect(200);
      const last = await P.removeIndicator(id, removedId, 4).expect(200);
      expect(versionOf(last)).toBe(5);
    });

    it('answers both contents and the field changes between them, indicators matched by id', async () => {
      const diff = await people['dept-reviewer']!.get(id, '/diff?from=1&to=5').expect(200);
      expect(diff.body).toMatchObject({
        declarationId: id,
        currentVersion: 5,
        from: { version: 1, revision: 1, state: 'draft', content: { projectName: '网络信息系统运行与维护' } },
        to: { version: 5, revision: 1, state: 'draft', content: { projectName: '网络信息系统运维' } },
      });
      expect(diff.body.to.content.funds.annualTotal).toBe(381419.84);
      expect(diff.body.to.content.indicators.at(-1).parsedTarget).toMatchObject({ comparator: '≥', value: 99.9 });
      expect(diff.body.changes).toEqual([
        { field: 'projectName', before: '网络信息系统运行与维护', after: '网络信息系统运维' },
        {
          field: `indicators[${removedId}]`,
          before: { id: removedId, level1: '产出指标', level2: '数量指标', name: '巡检次数', target: '≥4(次)' },
          after: null,
        },
        {
          field: `indicators[${addedId}]`,
          before: null,
          after: { id: addedId, level1: '效益指标', level2: '可持续影响指标', name: '系统可用率', target: '≥99.9(%)' },
        },
      ]);
    });

    it('shows a single field’s revision between neighbouring versions', async () => {
      const diff = await people.preparer!.get(id, '/diff?from=3&to=4').expect(200);
      expect(diff.body.changes).toEqual([
        { field: `indicators[${addedId}].target`, before: '≥99.5(%)', after: '≥99.9(%)' },
      ]);
    });

    it('diffs up to the current version when `to` is left out, and finds nothing between a version and itself', async () => {
      const open = await people.auditor!.get(id, '/diff?from=2').expect(200);
      expect(open.body.to.version).toBe(5);
      const same = await people.auditor!.get(id, '/diff?from=3&to=3').expect(200);
      expect(same.body.changes).toEqual([]);
    });

    it('refuses versions the declaration does not have, or in the wrong order (400, with the field)', async () => {
      const cases: [string, string, string][] = [
        ['?from=4&to=2', 'from', 'FROM_AFTER_TO'],
        ['?from=1&to=9', 'to', 'VERSION_OUT_OF_RANGE'],
        ['?from=7', 'from', 'VERSION_OUT_OF_RANGE'],
        ['?from=0', 'from', 'TOO_SMALL'],
        ['?from=abc', 'from', 'INVALID_FORMAT'],
        ['', 'from', 'REQUIRED'],
        ['?from=1&since=2', 'since', 'UNKNOWN_FIELD'],
      ];
      for (const [query, path, code] of cases) {
        const refused = await people.auditor!.get(id, `/diff${query}`).expect(400);
        expect({ query, body: refused.body }).toMatchObject({
          query,
          body: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path, code })] },
        });
      }
      const outOfRange = await people.auditor!.get(id, '/diff?from=1&to=9').expect(400);
      expect(outOfRange.body.currentVersion).toBe(5);
    });
  });
});
