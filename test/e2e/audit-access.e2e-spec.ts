import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';

/** A declaration with two versions, and the moment its first one was recorded. */
interface Target {
  id: string;
  firstRecordedAt: string;
}

const ENDPOINTS: Record<string, (t: Target) => string> = {
  history: (t) => `/declarations/${t.id}/history`,
  diff: (t) => `/declarations/${t.id}/diff?from=1&to=2`,
  version: (t) => `/declarations/${t.id}?version=1`,
  asOf: (t) => `/declarations/${t.id}?asOf=${t.firstRecordedAt}`,
  verify: (t) => `/audit/verify?declarationId=${t.id}`,
  export: (t) => `/audit/export?from=${t.firstRecordedAt}&format=csv`,
};
type Endpoint = keyof typeof ENDPOINTS;

const READS = ['history', 'diff', 'version', 'asOf'] as const;
const AUDIT = ['verify', 'export'] as const;
/** What each endpoint answers, given the status for the declaration reads and for the audit routes. */
const byEndpoint = (read: number, audit: number): Record<Endpoint, number> => ({
  ...Object.fromEntries(READS.map((e) => [e, read])),
  ...Object.fromEntries(AUDIT.map((e) => [e, audit])),
});

// `hrss`: a declaration of 本级 (unit sj-hrss-bureau, department sj-hrss); `other`: one of
// 社会福利院 (other-unit, department other-dept). "Own" is the one inside the caller's scope;
// for the roles that see every department, both are. Statuses: [declaration reads, audit routes].
type Row = [user: string, role: string, own: 'hrss' | 'other', inScope: [number, number], outside: [number, number]];
const MATRIX: Row[] = [
  ['preparer', 'preparer', 'hrss', [200, 403], [404, 403]],
  ['other-preparer', 'preparer', 'other', [200, 403], [404, 403]],
  ['dept-reviewer', 'department_reviewer', 'hrss', [200, 403], [404, 403]],
  ['other-reviewer', 'department_reviewer', 'other', [200, 403], [404, 403]],
  ['bureau-signer', 'bureau_signer', 'hrss', [200, 403], [404, 403]],
  ['other-signer', 'bureau_signer', 'other', [200, 403], [404, 403]],
  ['finance', 'finance_officer', 'hrss', [200, 403], [200, 403]],
  ['auditor', 'auditor', 'hrss', [200, 200], [200, 200]],
  ['admin', 'admin', 'hrss', [200, 200], [200, 200]],
];

describe('who may replay and audit what', () => {
  const api = useApi();
  let tokens: Record<string, string>;
  const targets = {} as Record<'hrss' | 'other', Target>;

  async function declarationOf(preparer: string): Promise<Target> {
    const as = client(api.app, tokens[preparer]!);
    const created = await as.create(soundBody()).expect(201);
    await as.act(created.body.id, 'submit', 1).expect(200);
    const history = await client(api.app, tokens.auditor!).get(created.body.id, '/history').expect(200);
    return { id: created.body.id, firstRecordedAt: history.body.entries[0].recordedAt };
  }

  async function statuses(token: string | null, target: Target): Promise<Record<Endpoint, number>> {
    const result = {} as Record<Endpoint, number>;
    for (const [endpoint, path] of Object.entries(ENDPOINTS)) {
      const call = request(api.app.getHttpServer()).get(path(target));
      result[endpoint] = (await (token === null ? call : call.set(bearer(token)))).status;
    }
    return result;
  }

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    targets.hrss = await declarationOf('preparer');
    targets.other = await declarationOf('other-preparer');
  });

  describe.each(MATRIX)('%s (%s)', (user, role, own, inScope, outside) => {
    it(`in their own scope: reads ${inScope[0]}, audit ${inScope[1]}`, async () => {
      const me = await request(api.app.getHttpServer()).get('/auth/me').set(bearer(tokens[user]!)).expect(200);
      expect(me.body.role).toBe(role);
      expect(await statuses(tokens[user]!, targets[own])).toEqual(byEndpoint(...inScope));
    });

    it(`outside it: reads ${outside[0]}, audit ${outside[1]}`, async () => {
      const other = targets[own === 'hrss' ? 'other' : 'hrss'];
      expect(await statuses(tokens[user]!, other)).toEqual(byEndpoint(...outside));
    });
  });

  it('hides a sibling unit’s declaration from a preparer of the same department', async () => {
    expect(await statuses(tokens['employment-preparer']!, targets.hrss)).toEqual(byEndpoint(404, 403));
  });

  it('asks for a token on every one of these routes', async () => {
    expect(await statuses(null, targets.hrss)).toEqual(byEndpoint(401, 401));
  });

  it('answers outside the scope exactly as for an id that does not exist', async () => {
    const outsider = client(api.app, tokens['other-preparer']!);
    const hidden = await outsider.get(targets.hrss.id, '/history').expect(404);
    const unknown = await outsider.get('00000000-0000-4000-8000-000000000000', '/history').expect(404);
    expect(hidden.body).toEqual(unknown.body);
    // Visibility is decided before the versions are: out-of-range versions still say 404.
    await outsider.get(targets.hrss.id, '/diff?from=1&to=99').expect(404);
    await client(api.app, tokens.auditor!).get('not-a-uuid', '/history').expect(404);
  });

  it('lets the auditor read all of it and change nothing', async () => {
    const auditor = client(api.app, tokens.auditor!);
    for (const target of Object.values(targets)) {
      await auditor.act(target.id, 'approve', 2, '审计').expect(403);
      await auditor.patch(target.id, 2, { annualGoal: '审计改写' }).expect(403);
      expect((await auditor.get(target.id).expect(200)).body.version).toBe(2);
    }
    const verified = await request(api.app.getHttpServer()).get('/audit/verify').set(bearer(tokens.auditor!));
    // The people's own streams (user-<id>) are verified too, one UserCreated each.
    const [users] = await api.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'user-%'`);
    expect(verified.body).toMatchObject({ ok: true, streamsChecked: 2 + users!.n, eventsChecked: 4 + users!.n });
  });
});
