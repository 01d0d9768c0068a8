import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useApi } from '../support/app.js';
import { seedDemo } from '../support/auth.js';

type Api = ReturnType<typeof useApi>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signInAs(api: Api) {
  return (username: string, password: string) =>
    request(api.app.getHttpServer()).post('/auth/token').send({ username, password });
}

async function fail(attempt: ReturnType<typeof signInAs>, username: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await attempt(username, 'wrong-password').expect(401);
}

describe('the brute-force limit on POST /auth/token, per username', () => {
  const WINDOW_SECONDS = 3;
  const api = useApi({
    LOGIN_MAX_FAILURES_PER_USERNAME: '5',
    LOGIN_MAX_FAILURES_PER_IP: '1000',
    LOGIN_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
  });
  const attempt = signInAs(api);

  beforeAll(async () => {
    await seedDemo(api.app);
  });

  it('refuses the 6th attempt after 5 failures with 429 and Retry-After, even with the right password', async () => {
    await fail(attempt, 'preparer', 5);
    const refused = await attempt('preparer', 'preparer-demo').expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.any(String), errors: [] });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    // Another username from the same address is not affected, nor is its case a way around it.
    await attempt('auditor', 'auditor-demo').expect(200);
    await attempt('  PREPARER ', 'preparer-demo').expect(429);
    // Once the failures have left the window, the right password works again.
    await sleep(retryAfter * 1000 + 200);
    await attempt('preparer', 'preparer-demo').expect(200);
  });

  it('limits a username that does not exist exactly like one that does, so it cannot probe for accounts', async () => {
    await fail(attempt, 'no-such-user', 5);
    const unknown = await attempt('no-such-user', 'whatever').expect(429);
    await fail(attempt, 'bureau-signer', 5);
    const known = await attempt('bureau-signer', 'whatever').expect(429);
    expect(unknown.body.code).toBe(known.body.code);
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
  });

  it('clears the username’s failures on a success', async () => {
    await fail(attempt, 'finance', 4);
    await attempt('finance', 'finance-demo').expect(200);
    await fail(attempt, 'finance', 5);
    await attempt('finance', 'finance-demo').expect(429);
  });

  it('lets no more than the limit through when the attempts come all at once', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, () => attempt('dept-reviewer', 'wrong-password')));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('does not count a request refused as malformed', async () => {
    for (let i = 0; i < 6; i++) await attempt('admin', '').expect(400);
    await attempt('admin', 'admin-demo').expect(200);
  });
});

describe('the brute-force limit on POST /auth/token, per client address', () => {
  const api = useApi({
    LOGIN_MAX_FAILURES_PER_USERNAME: '100',
    LOGIN_MAX_FAILURES_PER_IP: '6',
    LOGIN_FAILURE_WINDOW_SECONDS: '60',
  });
  const attempt = signInAs(api);

  beforeAll(async () => {
    await seedDemo(api.app);
  });

  it('refuses every username from an address that failed too often, and counts no successes', async () => {
    for (let i = 0; i < 4; i++) await attempt('admin', 'admin-demo').expect(200);
    for (const username of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) await fail(attempt, username, 1);
    await attempt('a7', 'wrong-password').expect(429);
    await attempt('admin', 'admin-demo').expect(429);
  });
});

describe('the brute-force limit with Redis unreachable', () => {
  const api = useApi({ REDIS_URL: 'redis://127.0.0.1:1/0', LOGIN_MAX_FAILURES_PER_USERNAME: '2' });
  const attempt = signInAs(api);

  beforeAll(async () => {
    await seedDemo(api.app);
  });

  it('fails open: sign-in keeps working rather than locking everyone out', async () => {
    await fail(attempt, 'admin', 3);
    await attempt('admin', 'admin-demo').expect(200);
  });
});
