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
