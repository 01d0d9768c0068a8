import { beforeAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { seedPeople } from '../support/declarations.js';
import { formsBytes } from '../support/forms.js';
import { servedRoutes } from '../support/route-table.js';

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const MB = 1024 * 1024;

describe('bodies too large or too deep', () => {
  const api = useApi(); // BODY_LIMIT at its default, 1mb
  const http = () => request(api.app.getHttpServer());
  let tokens: Record<string, string>;
  const writes = () => servedRoutes(api.app).filter((route) => !route.startsWith('GET '));
  const footprint = async () =>
    JSON.stringify(
      await api.app
        .get(DataSource)
        .query(
          `SELECT (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM users) AS u, (SELECT count(*) FROM commands) AS c`,
        ),
    );

  /** Sends `body` as JSON to a write route, as an admin, with whatever its path needs. */
  function send(route: string, body: string | Buffer, headers: Record<string, string> = {}) {
    const [method, template] = route.split(' ') as [string, string];
    const path = template.replace(/:[A-Za-z]+/g, (param) => (param === ':name' ? 'declarations' : SOME_ID));
    return http()
      [method.toLowerCase() as 'post'](path)
      .set(bearer(tokens.admin!))
      .set({ 'Content-Type': 'application/json', 'If-Match': '"1"', ...headers })
      .serialize((raw: unknown) => raw as string) // bytes as they are: a Buffer is not to become JSON
      .send(body);
  }

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
  });

  it('answers 413 in the one error shape to a JSON body over BODY_LIMIT on every write, and writes nothing', async () => {
    const big = JSON.stringify({ projectName: 'x'.repeat(1.5 * MB) });
    const before = await footprint();
    const wrong: string[] = [];
    for (const route of writes()) {
      const response = await send(route, big);
      if (response.status !== 413 || response.body.code !== 'PAYLOAD_TOO_LARGE') {
        wrong.push(`${route}: ${response.status} ${response.text.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await footprint()).toBe(before);
  });

  it('refuses a small compressed body that inflates beyond the limit (a zip bomb), writing nothing', async () => {
    const bomb = gzipSync(JSON.stringify({ projectName: 'x'.repeat(20 * MB) }));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const before = await footprint();
    const response = await send('POST /declarations', bomb, { 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', errors: [] });
    expect(await footprint()).toBe(before);
  });

  it.each([
    ['100 000 nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['100 000 nested objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    ['100 000 nested objects under a real field', `{"funds":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`],
    ['100 000 nested arrays under a list', `{"indicators":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['a million levels, over the limit', '['.repeat(1_100_000)],
  ])('answers %s quickly with a 400 or 413, and stays up', async (_, body) => {
    const started = performance.now();
    for (const route of ['POST /declarations', 'PATCH /declarations/:id', 'POST /users', 'POST /auth/token']) {
      const response = await send(route, body);
      expect([route, response.status]).toEqual([route, expect.any(Number)]);
      expect([400, 404, 413]).toContain(response.status);
      expect(response.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect(performance.now() - started).toBeLessThan(5_000);
    await http().get('/health/live').expect(200);
  });

  it('answers malformed and mislabelled bodies with a 400, not a 500', async () => {
    const cases: [string, Record<string, string>][] = [
      ['{"year": 2025,', {}],
      ['{"a":1}', { 'Content-Type': 'application/json; charset=utf-16' }],
      ['{"a":1}', { 'Content-Type': 'application/json; charset=x-unknown' }],
      ['{"a":1}', { 'Content-Encoding': 'x-unknown' }],
      ['{"a":1}', { 'Content-Encoding': 'gzip' }],
      ['a=1&b=2', { 'Content-Type': 'application/x-www-form-urlencoded' }],
      ['plain words', { 'Content-Type': 'text/plain' }],
      ['\u0000\u0001\u0002', {}],
    ];
    for (const [body, headers] of cases) {
      const response = await send('POST /declarations', body, headers);
      expect([JSON.stringify(headers), response.status]).toEqual([JSON.stringify(headers), 400]);
    }
  });

  describe('uploads', () => {
    const upload = (bytes: Buffer, field = 'file') =>
      http().post('/imports').set(bearer(tokens.admin!)).attach(field, bytes, 'forms.txt');

    it('answers 413 in the one error shape to a file over 10 MB', async () => {
      const response = await upload(Buffer.concat([formsBytes(), Buffer.alloc(10 * MB, 0x20)])).expect(413);
      expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    });

    it('answers a second file, an unexpected field, or a file under another name with a 400', async () => {
      const two = await http()
        .post('/imports')
        .set(bearer(tokens.admin!))
        .attach('file', formsBytes(), 'a.txt')
        .attach('file', formsBytes(), 'b.txt');
      expect(two.status).toBe(400);
      expect((await upload(formsBytes(), 'other')).status).toBe(400);
      const fields = http().post('/imports').set(bearer(tokens.admin!));
      for (let i = 0; i < 200; i++) void fields.field(`f${i}`, 'x'.repeat(1000));
      expect((await fields).status).toBe(400);
    });
  });
});
