import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { useApi } from '../support/app.js';
import { signIn } from '../support/auth.js';
import { seedPeople } from '../support/declarations.js';
import { isDocsRoute, isStaticRoute, servedRoutes } from '../support/route-table.js';

/** The only routes that answer without a token (besides Swagger's); every other one must refuse a bad one. */
const PUBLIC = [
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'POST /auth/token',
  'POST /auth/session',
].concat(['POST /auth/logout', 'GET /']);
/** Public, and refusing a body they were not sent (400): sign-in. */
const SIGN_IN = ['POST /auth/token', 'POST /auth/session'];
const SOME_ID = '00000000-0000-4000-8000-000000000000';

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A JWT signed the way the service signs, with any header, payload and secret. */
function jwt(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }, alg = 'sha256'): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac(alg, secret).update(body).digest('base64url')}`;
}

describe('tokens that must not let anyone in, on every protected route', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());
  const bad: Record<string, string> = {};

  beforeAll(async () => {
    await seedPeople(api.app);
    const secret = api.config.auth.tokenSecret;
    const db = api.app.get(DataSource);
    const idOf = async (username: string) =>
      (await db.query<{ id: string }[]>('SELECT id FROM users WHERE username = $1', [username]))[0]!.id;
    const admin = await idOf('admin');
    const real = await signIn(api.app, 'admin', 'admin-demo');
    const [header, payload, signature] = real.split('.') as [string, string, string];
    const fresh = { sub: admin, cv: 1, iat: nowSeconds(), exp: nowSeconds() + 600 };
    Object.assign(bad, {
      'a tampered signature': `${header}.${payload}.${signature.slice(0, -6)}AAAAAA`,
      'a payload swapped under a real signature': `${header}.${b64({ ...fresh, sub: await idOf('finance') })}.${signature}`,
      'alg none, unsigned': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(fresh)}.`,
      'alg none, with the real signature': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`,
      'HS512 with the right secret': jwt(fresh, secret, { alg: 'HS512', typ: 'JWT' }, 'sha512'),
      'signed with another secret': jwt(fresh, 'another-secret-of-at-least-32-characters'),
      expired: jwt({ ...fresh, exp: nowSeconds() - 1 }, secret),
      'not valid yet': jwt({ ...fresh, nbf: nowSeconds() + 3600 }, secret),
      'a subject that is not a string': jwt({ ...fresh, sub: { id: admin } }, secret),
      'a subject that is no user': jwt({ ...fresh, sub: SOME_ID }, secret),
      'a subject with SQL in it': jwt({ ...fresh, sub: `${admin}' OR '1'='1` }, secret),
      'no subject': jwt({ iat: fresh.iat, exp: fresh.exp }, secret),
      'no expiry': jwt({ sub: admin, cv: 1, iat: fresh.iat }, secret),
      'no credentials version': jwt({ sub: admin, iat: fresh.iat, exp: fresh.exp }, secret),
      'a credentials version never issued': jwt({ ...fresh, cv: 7 }, secret),
      garbage: 'not.a.token',
      'a long one': `${header}.${'A'.repeat(8_000)}.${signature}`,
    });
    // A deactivated user's token and a deleted user's token, both valid until then.
    const leaver = await signIn(api.app, 'second-preparer', 'test-password');
    await db.query(`UPDATE users SET active = false WHERE username = 'second-preparer'`);
    bad['a deactivated user’s'] = leaver;
    const gone = await signIn(api.app, 'other-signer', 'test-password');
    await db.query(`DELETE FROM users WHERE username = 'other-signer'`);
    bad['a deleted user’s'] = gone;
  });

  it('knows which routes are public', () => {
    const served = servedRoutes(api.app).filter((route) => !isDocsRoute(route));
    expect(PUBLIC.filter((route) => !served.includes(route))).toEqual([]);
  });

  it('answers 401 with WWW-Authenticate to every bad token on every other route, and ignores it on public ones', async () => {
    const routes = servedRoutes(api.app).filter((route) => !isDocsRoute(route) && !isStaticRoute(route));
    const wrong: string[] = [];
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template.replace(/:[A-Za-z]+/g, (param) => (param === ':name' ? 'declarations' : SOME_ID));
      for (const [kind, token] of Object.entries(bad)) {
        const response = await http()[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${token}`);
        const refused = response.status === 401 && response.headers['www-authenticate'] === 'Bearer';
        const ok = PUBLIC.includes(route) ? response.status < 400 || SIGN_IN.includes(route) : refused;
        if (!ok || (refused && response.body.code !== 'UNAUTHENTICATED'))
          wrong.push(`${route} ${kind}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('leaves a header beyond Node’s limit to Node: 431 before any of the app runs', async () => {
    await http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${'A'.repeat(64_000)}`)
      .expect(431);
    await http().get('/health/live').expect(200);
  });

  it.each([
    ['another scheme', 'Basic YWRtaW46YWRtaW4tZGVtbw=='],
    ['two tokens', 'Bearer a.b.c Bearer d.e.f'],
    ['a token with a line break', 'Bearer abc.\tdef.ghi'],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s as no token at all', async (_, header) => {
    const response = await http().get('/auth/me').set('Authorization', header).expect(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
