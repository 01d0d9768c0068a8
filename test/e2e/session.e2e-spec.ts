import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { useApi } from '../support/app.js';
import { bearer, seedDemo, signIn } from '../support/auth.js';
import { soundBody } from '../support/declarations.js';

// A console build of its own, so the test needs no `npm run build`.
const consoleDir = mkdtempSync(join(tmpdir(), 'pta-console-'));
mkdirSync(join(consoleDir, 'assets'));
writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(consoleDir, 'assets', 'app-1234.js'), 'console.log(1)');

type Cookies = { session: string; csrf: string; header: string[] };

function cookiesOf(response: request.Response): Cookies {
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const value = (name: string) =>
    header
      .find((c) => c.startsWith(`${name}=`))
      ?.split(';')[0]
      ?.slice(name.length + 1) ?? '';
  return { session: value('pta_session'), csrf: value('pta_csrf'), header };
}

describe('signing in from a browser: the session cookie, CSRF and the console', () => {
  const api = useApi({ CONSOLE_DIR: consoleDir, SESSION_IDLE_SECONDS: '600' });
  const http = () => request(api.app.getHttpServer());
  let cookies: Cookies;
  const jar = () => `pta_session=${cookies.session}; pta_csrf=${cookies.csrf}`;

  beforeAll(async () => {
    await seedDemo(api.app);
    const response = await http().post('/auth/session').send({ username: 'preparer', password: 'preparer-demo' });
    expect(response.status).toBe(200);
    cookies = cookiesOf(response);
  });

  it('sets an httpOnly, SameSite=Lax session cookie and a readable CSRF cookie, and answers the user', async () => {
    const session = cookies.header.find((c) => c.startsWith('pta_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Max-Age=600/);
    expect(session).not.toMatch(/Secure/); // Secure only in production, where there is TLS
    expect(cookies.header.find((c) => c.startsWith('pta_csrf='))).not.toMatch(/HttpOnly/);
    const me = await http().get('/auth/me').set('Cookie', jar()).expect(200);
    expect(me.body).toMatchObject({ username: 'preparer', role: 'preparer' });
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const response = await http().post('/auth/session').send({ username: 'preparer', password: 'wrong' });
    expect(response.status).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('takes a write signed in by cookie only with the session’s CSRF token and our own Origin', async () => {
    const host = () => http().post('/declarations').set('Cookie', jar()).set('Host', 'pta.example');
    const refusals: [Record<string, string>, string][] = [
      [{ Origin: 'http://pta.example' }, 'CSRF_TOKEN_INVALID'],
      [{ Origin: 'http://pta.example', 'X-CSRF-Token': 'not-the-token' }, 'CSRF_TOKEN_INVALID'],
      [{ 'X-CSRF-Token': cookies.csrf }, 'CROSS_ORIGIN'],
      [{ 'X-CSRF-Token': cookies.csrf, Origin: 'https://evil.example' }, 'CROSS_ORIGIN'],
    ];
    for (const [headers, code] of refusals) {
      const response = await host().set(headers).send(soundBody());
      expect([response.status, response.body.errors[0].code]).toEqual([403, code]);
    }
    const list = await http().get('/declarations').set('Cookie', jar()).expect(200);
    expect(list.body.total).toBe(0); // nothing was written by the refusals
    const created = await host().set({ 'X-CSRF-Token': cookies.csrf, Origin: 'http://pta.example' }).send(soundBody());
    expect(created.status).toBe(201);
  });

  it('ends a session idle too long, or signed in longer ago than TOKEN_TTL_SECONDS, with 401', async () => {
    const secret = api.config.auth.tokenSecret;
    const { sub } = jwt.decode(cookies.session) as { sub: string };
    const now = Math.floor(Date.now() / 1000);
    const idle = jwt.sign(
      { sub, typ: 'session', csrf: 'x', cv: 1, auth: now - 700, iat: now - 700, exp: now - 100 },
      secret,
    );
    const old = jwt.sign({ sub, typ: 'session', csrf: 'x', cv: 1, auth: now - 9 * 3600 }, secret, { expiresIn: 600 });
    const bearerKind = jwt.sign({ sub, cv: 1 }, secret, { expiresIn: 600 }); // a bearer token is not a session
    const forever = jwt.sign({ sub, typ: 'session', csrf: 'x', cv: 1, auth: now }, secret); // no exp
    const versionless = jwt.sign({ sub, typ: 'session', csrf: 'x', auth: now }, secret, { expiresIn: 600 });
    for (const token of [idle, old, bearerKind, forever, versionless]) {
      const response = await http().get('/auth/me').set('Cookie', `pta_session=${token}`);
      expect(response.status).toBe(401);
    }
  });

  it('renews a session on activity, keeping its CSRF token', async () => {
    const { sub } = jwt.decode(cookies.session) as { sub: string };
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub, typ: 'session', csrf: 'kept', cv: 1, auth: now - 120, iat: now - 120, exp: now + 60 };
    const token = jwt.sign(claims, api.config.auth.tokenSecret);
    const response = await http().get('/auth/me').set('Cookie', `pta_session=${token}`).expect(200);
    const renewed = cookiesOf(response);
    expect(renewed.csrf).toBe('kept');
    expect(jwt.decode(renewed.session)).toMatchObject({ sub, csrf: 'kept', auth: now - 120 });
  });

  it('ends a session at once on a password change or deactivation, and reactivation does not revive it', async () => {
    const admin = await signIn(api.app, 'admin', 'admin-demo');
    const signInAs = async (username: string, password: string) => {
      const response = await http().post('/auth/session').send({ username, password }).expect(200);
      const got = cookiesOf(response);
      return { id: response.body.user.id as string, cookie: `pta_session=${got.session}; pta_csrf=${got.csrf}` };
    };
    const change = (id: string, body: object) => http().patch(`/users/${id}`).set(bearer(admin)).send(body).expect(200);

    const auditor = await signInAs('auditor', 'auditor-demo');
    await http().get('/auth/me').set('Cookie', auditor.cookie).expect(200);
    await change(auditor.id, { password: 'auditor-new-password' });
    await http().get('/auth/me').set('Cookie', auditor.cookie).expect(401);

    const signer = await signInAs('finance', 'finance-demo');
    await change(signer.id, { active: false });
    await change(signer.id, { active: true });
    await http().get('/auth/me').set('Cookie', signer.cookie).expect(401);
    const again = await signInAs('finance', 'finance-demo');
    await http().get('/auth/me').set('Cookie', again.cookie).expect(200);
  });

  it('clears both cookies on logout', async () => {
    const response = await http().post('/auth/logout').set('Cookie', jar()).expect(204);
    const cleared = cookiesOf(response).header;
    expect(cleared.some((c) => c.startsWith('pta_session=;') && /Expires=Thu, 01 Jan 1970/.test(c))).toBe(true);
    expect(cleared.some((c) => c.startsWith('pta_csrf=;'))).toBe(true);
  });

  it('serves the console at /console, index.html for any deep link, and sends / there', async () => {
    await http().get('/').expect(302).expect('Location', '/console/');
    for (const path of ['/console/', '/console/declarations/123', '/console/inbox?queue=todo']) {
      const page = await http().get(path).expect(200);
      expect([path, page.text]).toEqual([path, '<!doctype html><title>console</title>']);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    const asset = await http().get('/console/assets/app-1234.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    // The API's own routes are not taken over by the fallback.
    await http().get('/declarations').expect(401);
  });
});
