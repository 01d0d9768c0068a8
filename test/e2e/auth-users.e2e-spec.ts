import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEMO_USERS } from '@app/identity';
import { useApi } from '../support/app.js';
import { bearer, demoTokens, seedDemo } from '../support/auth.js';
import { render, say } from '@app/platform';

describe('user administration and organisations over HTTP', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());
  let tokens: Record<string, string>;
  const asAdmin = () => bearer(tokens.admin!);

  beforeAll(async () => {
    await seedDemo(api.app);
    tokens = await demoTokens(api.app);
  });

  describe('is for admins only', () => {
    const others = DEMO_USERS.filter((u) => u.role !== 'admin').map((u) => [u.role, u.username] as const);
    const someone = '00000000-0000-4000-8000-000000000000';
    const calls: [string, () => request.Test][] = [
      ['POST /users', () => http().post('/users').send({ username: 'x', password: 'whatever1', role: 'admin' })],
      ['GET /users', () => http().get('/users')],
      ['GET /users/:id', () => http().get(`/users/${someone}`)],
      ['PATCH /users/:id', () => http().patch(`/users/${someone}`).send({ role: 'admin' })],
    ];

    describe.each(others)('a %s (%s)', (role, username) => {
      it.each(calls)('gets 403 from %s', async (_, call) => {
        const response = await call().set(bearer(tokens[username]!)).expect(403);
        // The role in words: 您的角色（填报人）不能执行此操作，需要：管理员
        const words = render(say(`role.${role}`), 'zh');
        expect(response.body).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining(words), errors: [] });
      });
    });

    it('asks for a token before it looks at the body', async () => {
      await http().post('/users').send({ nonsense: true }).expect(401);
    });
  });

  describe('creating users', () => {
    it('creates a preparer of a unit, never showing a password or hash', async () => {
      const body = { username: 'zhang.san', password: 'long enough', role: 'preparer', unitId: 'sj-hrss-employment' };
      const response = await http().post('/users').set(asAdmin()).send(body).expect(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username: 'zhang.san',
        displayName: 'zhang.san',
        role: 'preparer',
        unitId: 'sj-hrss-employment',
        departmentId: 'sj-hrss',
        active: true,
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password|hash|argon/i);
      const fetched = await http().get(`/users/${response.body.id}`).set(asAdmin()).expect(200);
      expect(fetched.body).toEqual(response.body);
    });

    it('refuses a taken username, whatever its case, with 409', async () => {
      const body = { username: 'Zhang.San', password: 'long enough', role: 'auditor' };
      const response = await http().post('/users').set(asAdmin()).send(body).expect(409);
      expect(response.body).toMatchObject({ code: 'CONFLICT', errors: [{ path: 'username', code: 'TAKEN' }] });
    });

    it.each([
      ['an unknown field', { nickname: 'x' }, 'nickname', 'UNKNOWN_FIELD'],
      ['a short password', { password: 'short' }, 'password', 'TOO_SHORT'],
      ['an unknown role', { role: 'superuser' }, 'role', 'INVALID_VALUE'],
      ['a bad username', { username: 'a b' }, 'username', 'INVALID_FORMAT'],
      ['a preparer without a unit', { role: 'preparer' }, 'unitId', 'REQUIRED'],
      ['an unknown unit', { role: 'preparer', unitId: 'nowhere' }, 'unitId', 'UNKNOWN_UNIT'],
      ['a reviewer without a department', { role: 'department_reviewer' }, 'departmentId', 'REQUIRED'],
      [
        'an unknown department',
        { role: 'bureau_signer', departmentId: 'nowhere' },
        'departmentId',
        'UNKNOWN_DEPARTMENT',
      ],
      ['an auditor with a unit', { unitId: 'sj-hrss-bureau' }, 'unitId', 'NOT_ALLOWED_FOR_ROLE'],
    ])('refuses %s with 400 naming the field', async (_, change, path, code) => {
      const body = { username: 'new.user', password: 'long enough', role: 'auditor', ...change };
      const response = await http().post('/users').set(asAdmin()).send(body).expect(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path, code })],
      });
    });

    it('lists every missing field at once', async () => {
      const response = await http().post('/users').set(asAdmin()).send({}).expect(400);
      const errors = response.body.errors as { path: string }[];
      expect(errors.map((e) => e.path).sort()).toEqual(['password', 'role', 'username']);
    });
  });

  describe('changing users', () => {
    let id: string;

    beforeAll(async () => {
      const body = {
        username: 'wang.wu',
        password: 'long enough',
        role: 'department_reviewer',
        departmentId: 'sj-hrss',
      };
      id = (await http().post('/users').set(asAdmin()).send(body).expect(201)).body.id;
    });

    it('moves a user to another role and scope, dropping the old scope', async () => {
      const response = await http()
        .patch(`/users/${id}`)
        .set(asAdmin())
        .send({ role: 'preparer', unitId: 'sj-hrss-arbitration', displayName: '王五' })
        .expect(200);
      expect(response.body).toMatchObject({ role: 'preparer', unitId: 'sj-hrss-arbitration', departmentId: 'sj-hrss' });
      expect(response.body.displayName).toBe('王五');
    });

    it('sets a new password', async () => {
      await http().patch(`/users/${id}`).set(asAdmin()).send({ password: 'a new password' }).expect(200);
      await http().post('/auth/token').send({ username: 'wang.wu', password: 'long enough' }).expect(401);
      await http().post('/auth/token').send({ username: 'wang.wu', password: 'a new password' }).expect(200);
    });

    it('refuses bad fields with 400 naming them', async () => {
      const response = await http()
        .patch(`/users/${id}`)
        .set(asAdmin())
        .send({ active: 'no', username: 'renamed' })
        .expect(400);
      expect(response.body.errors).toHaveLength(2);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'username', code: 'UNKNOWN_FIELD' }),
          expect.objectContaining({ path: 'active', code: 'INVALID_TYPE' }),
        ]),
      );
    });

    it('answers 404 for a user that does not exist, or an id that is no id', async () => {
      await http().get('/users/00000000-0000-4000-8000-000000000000').set(asAdmin()).expect(404);
      await http().patch('/users/not-an-id').set(asAdmin()).send({ active: false }).expect(404);
      await http().get('/users/00000000-0000-4000-8000-000000000000/history').set(asAdmin()).expect(404);
      await http().get('/users/not-an-id/history').set(bearer(tokens.auditor!)).expect(404);
    });
  });

  describe('the record of identity changes', () => {
    let id: string;
    let adminId: string;

    beforeAll(async () => {
      const body = { username: 'zhao.liu', password: 'long enough', role: 'preparer', unitId: 'sj-hrss-talent' };
      id = (await http().post('/users').set(asAdmin()).send(body).expect(201)).body.id;
      adminId = (await http().get('/auth/me').set(asAdmin()).expect(200)).body.id;
      const change = (patch: object) => http().patch(`/users/${id}`).set(asAdmin()).send(patch).expect(200);
      await change({ role: 'auditor' });
      await change({ active: false });
      await change({ active: true, password: 'another long one' });
      await change({ displayName: '赵六' }); // grants nothing: not recorded
    });

    it('shows auditors and admins each change, in order, with who made it and no password', async () => {
      for (const who of ['auditor', 'admin']) {
        const response = await http().get(`/users/${id}/history`).set(bearer(tokens[who]!)).expect(200);
        expect(response.body.userId).toBe(id);
        const events = response.body.events as { type: string; by: string; version: number; data: object }[];
        expect(events.map((e) => e.type)).toEqual([
          'UserCreated',
          'UserAccessChanged',
          'UserDeactivated',
          'UserReactivated',
          'UserPasswordChanged',
        ]);
        expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
        expect(events.every((e) => e.by === adminId)).toBe(true);
        expect(events[1]!.data).toMatchObject({
          before: { role: 'preparer', unitId: 'sj-hrss-talent' },
          after: { role: 'auditor', unitId: null, departmentId: null },
        });
        expect(JSON.stringify(events)).not.toMatch(/argon2|long enough|another long one/);
      }
    });

    it('keeps it from everyone else', async () => {
      for (const who of ['preparer', 'dept-reviewer', 'bureau-signer', 'finance']) {
        await http().get(`/users/${id}/history`).set(bearer(tokens[who]!)).expect(403);
      }
      await http().get(`/users/${id}/history`).expect(401);
    });

    it('puts the user events in the audit export, on the stream user-<id>, chained like the rest', async () => {
      const response = await http().get('/audit/export').set(bearer(tokens.auditor!)).expect(200);
      const rows = response.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { streamId: string; type: string; actorId: string });
      const mine = rows.filter((r) => r.streamId === `user-${id}`);
      expect(mine.map((r) => r.type)).toEqual([
        'UserCreated',
        'UserAccessChanged',
        'UserDeactivated',
        'UserReactivated',
        'UserPasswordChanged',
      ]);
      expect(mine.every((r) => r.actorId === adminId)).toBe(true);
      const verify = await http().get('/audit/verify').set(bearer(tokens.auditor!)).expect(200);
      expect(verify.body).toMatchObject({ ok: true });
    });

    it('refuses an admin changing their own role, scope or activation with 403, and records nothing', async () => {
      const before = await http().get(`/users/${adminId}/history`).set(asAdmin()).expect(200);
      for (const patch of [{ role: 'department_reviewer', departmentId: 'sj-hrss' }, { active: false }]) {
        const response = await http().patch(`/users/${adminId}`).set(asAdmin()).send(patch).expect(403);
        expect(response.body).toMatchObject({
          code: 'FORBIDDEN',
          errors: [expect.objectContaining({ code: 'ADMIN_MAY_NOT_CHANGE_OWN_ACCESS' })],
        });
      }
      const me = await http().get('/auth/me').set(asAdmin()).expect(200);
      expect(me.body).toMatchObject({ role: 'admin', active: true });
      const after = await http().get(`/users/${adminId}/history`).set(asAdmin()).expect(200);
      expect(after.body.events).toEqual(before.body.events);
      // Their own display name is fine, and so is the same role sent again.
      await http().patch(`/users/${adminId}`).set(asAdmin()).send({ displayName: '管理员', role: 'admin' }).expect(200);
    });
  });

  it('lists users, without their password hashes', async () => {
    const response = await http().get('/users').set(asAdmin()).expect(200);
    expect((response.body as { username: string }[]).map((u) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'preparer']),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/hash|argon/i);
  });

  it.each(DEMO_USERS.map((u) => [u.role, u.username]))('shows the organisations to a %s', async (_, username) => {
    const response = await http().get('/organisations').set(bearer(tokens[username]!)).expect(200);
    expect(response.body).toEqual([
      {
        id: 'sj-hrss',
        name: '上海市松江区人力资源和社会保障局',
        units: expect.arrayContaining([
          { id: 'sj-hrss-bureau', name: '上海市松江区人力资源和社会保障局（本级）' },
          { id: 'sj-hrss-talent', name: '上海市松江区人力资源发展中心（上海市松江区机关事业单位福利事业中心）' },
        ]),
      },
    ]);
    expect(response.body[0].units).toHaveLength(5);
  });

  it('shows the organisations to no one without a token', async () => {
    await http().get('/organisations').expect(401);
  });
});
