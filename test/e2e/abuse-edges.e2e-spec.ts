import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';
import { formsBytes } from '../support/forms.js';

/** What an adversarial run found answering 500 or writing half a change: each a clear 4xx/503 now. */
describe('edges that answered 500', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());
  let tokens: Record<string, string>;
  let preparer: ReturnType<typeof client>;

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    preparer = client(api.app, tokens.preparer!);
  });

  it('refuses a version past the log’s integers with 400, on the declaration and on its form', async () => {
    const id = (await preparer.create(soundBody()).expect(201)).body.id as string;
    for (const version of ['2147483648', '99999999999999999999', '1e10', '-1', '0', 'abc']) {
      const read = await preparer.get(id, `?version=${version}`).expect(400);
      expect(read.body.code).toBe('VALIDATION_FAILED');
      expect(read.body.errors.map((e: { path: string }) => e.path)).toContain('version');
      await http().get(`/declarations/${id}/form.xlsx?version=${version}`).set(bearer(tokens.preparer!)).expect(400);
    }
    await preparer.get(id, '?version=999999999').expect(400);
  });

  it('accepts exactly one of three simultaneous rebuilds; the others are told which one runs', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() => http().post('/admin/read-models/declarations/rebuild').set(bearer(tokens.admin!))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409]);
    const accepted = answers.find((a) => a.status === 202)!.body.rebuildId as string;
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body).toMatchObject({ code: 'CONFLICT', rebuildId: accepted });
    }
  });

  it('refuses names that show nothing, control characters, and bidirectional overrides anywhere', async () => {
    const invisible = '\u200B\u200C\u2060\uFEFF';
    const names = [
      [{ projectName: invisible }, 'projectName'],
      [{ projectName: '\u202E申报\u202C' }, 'projectName'],
      [{ annualGoal: '完成\u0007目标' }, 'annualGoal'],
    ] as const;
    for (const [override, path] of names) {
      const refused = await preparer.create(soundBody(override)).expect(400);
      expect(refused.body.errors).toContainEqual(expect.objectContaining({ path, code: 'INVALID_CHARACTERS' }));
    }
    const id = (await preparer.create(soundBody()).expect(201)).body.id as string;
    const indicator = { level1: '产出指标', level2: '数量指标', name: '\u2067\u2069', target: '≥1(次)' };
    const added = await preparer.addIndicator(id, 1, indicator).expect(400);
    expect(added.body.errors).toContainEqual(expect.objectContaining({ path: 'name', code: 'INVALID_CHARACTERS' }));
    const comment = await preparer.act(id, 'submit', 1, '请审核\u202E').expect(400);
    expect(comment.body.errors).toEqual([expect.objectContaining({ path: 'comment', code: 'INVALID_CHARACTERS' })]);
    const user = await http()
      .post('/users')
      .set(bearer(tokens.admin!))
      .send({ username: 'invisible.one', password: 'a long passphrase', role: 'auditor', displayName: invisible })
      .expect(400);
    expect(user.body.errors).toContainEqual(
      expect.objectContaining({ path: 'displayName', code: 'INVALID_CHARACTERS' }),
    );
    expect((await preparer.get(id).expect(200)).body.version).toBe(1);
  });

  it('refuses a whole import with a bidirectional override in a cell, naming the form and the field', async () => {
    const text = formsBytes().toString('utf8').replace('产出指标', '产出\u202E指标');
    const response = await http()
      .post('/imports')
      .set(bearer(tokens.admin!))
      .attach('file', Buffer.from(text, 'utf8'), 'forms.txt')
      .expect(400);
    expect(response.body.errors).toContainEqual(
      expect.objectContaining({
        path: expect.stringMatching(/^forms\[\d+\]\.indicators\[\d+\]\.(level1|level2|name)$/),
        code: 'INVALID_CHARACTERS',
      }),
    );
  });

  describe('with Redis away', () => {
    const away = useApi({ REDIS_URL: 'redis://127.0.0.1:1/0' });

    it('answers a rebuild with 503 and records nothing', async () => {
      const admin = (await seedPeople(away.app)).admin!;
      const before = await away.app.get(DataSource).query(`SELECT count(*) AS n FROM read_model_rebuilds`);
      const response = await request(away.app.getHttpServer())
        .post('/admin/read-models/declarations/rebuild')
        .set(bearer(admin))
        .expect(503);
      expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.headers['retry-after']).toBeDefined();
      expect(await away.app.get(DataSource).query(`SELECT count(*) AS n FROM read_model_rebuilds`)).toEqual(before);
    });
  });
});
