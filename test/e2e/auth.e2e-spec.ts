import { beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { useApi } from '../support/app.js';
import { bearer, demoTokens, seedDemo, signIn } from '../support/auth.js';

describe('signing in and the bearer token', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());
  let tokens: Record<string, string>;
  /** A token as the service signs one (a credentials version, an expiry), unless the payload says otherwise. */
  const sign = (payload: object, secret = api.config.auth.tokenSecret) =>
    new JwtService({ secret }).sign({ cv: 1, exp: nowSeconds() + 600, ...payload });
  const signRaw = (payload: object) => new JwtService({ secret: api.config.auth.tokenSecret }).sign(payload);

  beforeAll(async () => {
    await seedDemo(api.app);
    tokens = await demoTokens(api.app);
  });

  it('issues a bearer token for a username and password', async () => {
    const response = await http().post('/auth/token').send({ username: 'admin', password: 'admin-demo' }).expect(200);
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: api.config.auth.tokenTtlSeconds,
    });
    const me = await http().get('/auth/me').set(bearer(response.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin', unitId: null, departmentId: null });
  });

  it('tells a preparer their unit and its department', async () => {
    const me = await http().get('/auth/me').set(bearer(tokens.preparer!)).expect(200);
    expect(me.body).toMatchObject({ role: 'preparer', unitId: 'sj-hrss-bureau', departmentId: 'sj-hrss' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password and an unknown username identically, after similar work', async () => {
    const attempt = async (username: string) => {
      const started = performance.now();
      const response = await http().post('/auth/token').send({ username, password: 'wrong-password' }).expect(401);
      return { body: response.body, ms: performance.now() - started };
    };
    const wrong = [];
    const unknown = [];
    // Taken in turns, so a burst of load on the shared machine falls on both alike (five of each: the
    // username's limit of failures).
    for (let i = 0; i < 5; i++) {
      wrong.push(await attempt('admin'));
      unknown.push(await attempt('no-such-user'));
    }
    expect(unknown[0]!.body).toEqual(wrong[0]!.body);
    expect(wrong[0]!.body).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码不正确', errors: [] });
    const median = (runs: { ms: number }[]) => runs.map((r) => r.ms).sort((a, b) => a - b)[2]!;
    // Without the dummy hash an unknown name answers ~10x faster; the bound is loose against noise.
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 3);
  });

  it('refuses a request without credentials as a 400 naming the field, not a 401', async () => {
    const response = await http().post('/auth/token').send({ username: 'admin' }).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'password', code: 'REQUIRED' })]);
  });

  describe('refuses with 401', () => {
    const cases: [string, () => Record<string, string>][] = [
      ['no Authorization header', () => ({})],
      ['another scheme', () => ({ Authorization: 'Basic YWRtaW46YWRtaW4tZGVtbw==' })],
      ['a garbage token', () => bearer('not-a-token')],
      ['a token signed with another secret', () => bearer(sign({ sub: userIdOf(tokens.admin!) }, 'x'.repeat(40)))],
      ['a tampered payload', () => bearer(withPayload(tokens.preparer!, { sub: userIdOf(tokens.admin!) }))],
      ['a tampered signature', () => bearer(`${tokens.admin!.slice(0, -4)}AAAA`)],
      ['an unsigned token (alg none)', () => bearer(unsigned({ sub: userIdOf(tokens.admin!) }))],
      ['an expired token', () => bearer(sign({ sub: userIdOf(tokens.admin!), exp: nowSeconds() - 60 }))],
      ['a token for no user', () => bearer(sign({ sub: '00000000-0000-4000-8000-000000000000' }))],
      ['a token whose subject is not an id', () => bearer(sign({ sub: 'admin' }))],
      ['a token without exp', () => bearer(signRaw({ sub: userIdOf(tokens.admin!), cv: 1 }))],
      [
        'a token without a credentials version',
        () => bearer(signRaw({ sub: userIdOf(tokens.admin!), exp: nowSeconds() + 600 })),
      ],
      ['a token of a credentials version not yet issued', () => bearer(sign({ sub: userIdOf(tokens.admin!), cv: 2 }))],
      [
        'a token whose credentials version is not a number',
        () => bearer(sign({ sub: userIdOf(tokens.admin!), cv: '1' })),
      ],
    ];
    it.each(cases)('%s', async (_, headers) => {
      const response = await http().get('/auth/me').set(headers()).expect(401);
      expect(response.body).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String), errors: [] });
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it('with a message that says an expired token has expired', async () => {
      const expired = sign({ sub: userIdOf(tokens.admin!), exp: nowSeconds() - 60 });
      const response = await http().get('/auth/me').set(bearer(expired)).expect(401);
      expect(response.body.message).toMatch(/已过期/);
    });
  });

  it("ends a deactivated user's access at once, token and all", async () => {
    const user = await createUser('leaver', 'auditor');
    const token = await signIn(api.app, 'leaver', 'leaver-password');
    await http().get('/auth/me').set(bearer(token)).expect(200);
    await http().patch(`/users/${user.id}`).set(bearer(tokens.admin!)).send({ active: false }).expect(200);
    await http().get('/auth/me').set(bearer(token)).expect(401);
    const again = await http().post('/auth/token').send({ username: 'leaver', password: 'leaver-password' });
    expect(again.status).toBe(401);
    expect(again.body.message).toBe('此账号已停用');
  });

  it("ends a removed user's access", async () => {
    const user = await createUser('gone', 'auditor');
    const token = await signIn(api.app, 'gone', 'gone-password');
    await api.app.get(DataSource).query('DELETE FROM users WHERE id = $1', [user.id]);
    await http().get('/auth/me').set(bearer(token)).expect(401);
  });

  it('revokes the tokens issued before a role change; a new sign-in carries the new role', async () => {
    const user = await createUser('mover', 'auditor');
    const token = await signIn(api.app, 'mover', 'mover-password');
    await http().get('/users').set(bearer(token)).expect(403);
    await http().patch(`/users/${user.id}`).set(bearer(tokens.admin!)).send({ role: 'admin' }).expect(200);
    const revoked = await http().get('/users').set(bearer(token)).set('Accept-Language', 'en').expect(401);
    expect(revoked.body.message).toMatch(/revoked/);
    const promoted = await signIn(api.app, 'mover', 'mover-password');
    await http().get('/users').set(bearer(promoted)).expect(200);
    await http().patch(`/users/${user.id}`).set(bearer(tokens.admin!)).send({ role: 'finance_officer' }).expect(200);
    await http().get('/users').set(bearer(promoted)).expect(401);
  });

  it('revokes the tokens issued before a password change', async () => {
    const user = await createUser('forgetful', 'auditor');
    const token = await signIn(api.app, 'forgetful', 'forgetful-password');
    const patch = { password: 'a-brand-new-password' };
    await http().patch(`/users/${user.id}`).set(bearer(tokens.admin!)).send(patch).expect(200);
    await http().get('/auth/me').set(bearer(token)).expect(401);
    const fresh = await signIn(api.app, 'forgetful', 'a-brand-new-password');
    await http().get('/auth/me').set(bearer(fresh)).expect(200);
  });

  it('keeps the tokens of before a deactivation dead after the user is reactivated', async () => {
    const user = await createUser('returner', 'auditor');
    const token = await signIn(api.app, 'returner', 'returner-password');
    await http().patch(`/users/${user.id}`).set(bearer(tokens.admin!)).send({ active: false }).expect(200);
    await http().patch(`/users/${user.id}`).set(bearer(tokens.admin!)).send({ active: true }).expect(200);
    await http().get('/auth/me').set(bearer(token)).expect(401);
    const fresh = await signIn(api.app, 'returner', 'returner-password');
    await http().get('/auth/me').set(bearer(fresh)).expect(200);
  });

  it('leaves tokens alive after a change that is not a credential (a display name, an e-mail)', async () => {
    const user = await createUser('renamed', 'auditor');
    const token = await signIn(api.app, 'renamed', 'renamed-password');
    const patch = { displayName: '改名', email: 'renamed@example.org' };
    await http().patch(`/users/${user.id}`).set(bearer(tokens.admin!)).send(patch).expect(200);
    await http().get('/auth/me').set(bearer(token)).expect(200);
  });

  it('leaves health, metrics and the API docs public', async () => {
    await http().get('/health/live').expect(200);
    await http().get('/health/ready').expect(200);
    await http().get('/metrics').expect(200);
    await http().get('/docs').expect(200);
    const document = await http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/auth/token', '/auth/me', '/users', '/users/{id}', '/organisations']),
    );
    expect(document.body.paths['/users'].post.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });

  it('still answers an unknown route with 404, token or not', async () => {
    await http().get('/no/such/route').expect(404);
  });

  async function createUser(username: string, role: string): Promise<{ id: string }> {
    const body = { username, password: `${username}-password`, role };
    const response = await http().post('/users').set(bearer(tokens.admin!)).send(body).expect(201);
    return response.body as { id: string };
  }
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;

function userIdOf(token: string): string {
  return decode(token.split('.')[1]!).sub as string;
}

/** The same header and signature around a different payload. */
function withPayload(token: string, changes: object): string {
  const [header, payload, signature] = token.split('.');
  return [header, encode({ ...decode(payload!), ...changes }), signature].join('.');
}

function unsigned(payload: object): string {
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...payload, iat: nowSeconds() })}.`;
}
