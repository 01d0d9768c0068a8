import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { get, request } from 'node:http';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/database';
import { seedIdentity } from '@app/identity';
import { textBomb } from '../../libs/forms/src/forms.fixtures.js';
import { xlsxBomb } from '../../libs/forms/src/xlsx/zip.fixtures.js';
import { REDIS_URL } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { eventCount } from '../support/forms.js';
import { httpClient } from '../support/http-client.js';
import { ServiceProcess } from '../support/processes.js';
import { freePort } from '../support/throwaway.js';
import { PostgresEventStore } from '@app/event-store';
import { testKeys } from '../support/keys.js';

/**
 * GET /health/live on a connection of its own: fetch's pool would reuse a socket of an upload,
 * which the server may close once it has answered (unread parts of a multipart body).
 */
function live(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path: '/health/live', agent: false }, (reply) => {
      reply.resume();
      reply.on('end', () => resolve(reply.statusCode ?? 0));
    });
    request.on('error', reject);
  });
}

/** POST /imports of `bytes` as multipart field `file`, on a connection of its own. */
function upload(port: number, token: string, name: string, bytes: Buffer): Promise<{ status: number; code: string }> {
  const boundary = `----bomb${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n`),
    Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const headers = {
      Authorization: `Bearer ${token}`,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': String(body.length),
    };
    const sent = request(
      { host: '127.0.0.1', port, path: '/imports', method: 'POST', headers, agent: false },
      (reply) => {
        const chunks: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => chunks.push(chunk));
        reply.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code: string };
          resolve({ status: reply.statusCode ?? 0, code: answer.code });
        });
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** The api's resident memory, from /proc (Linux). */
function residentMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/**
 * Issue 12's import bombs against the built api as a real process (its own event loop and heap,
 * unlike the e2e test's in-process app): three at once, twice over, while /health/live is polled.
 * The 1.6 GB and the 13.5 s pause the issue saw must not come back.
 */
describe('import bombs against the built api', () => {
  let database: TestDatabase;
  let db: DataSource;
  let api: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDataSource({ url: database.url, poolSize: 2 });
    await db.initialize();
    await seedIdentity(db, 'test', new PostgresEventStore(db, testKeys()));
    port = await freePort();
    const env = { DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: `pta-fault-${randomUUID().slice(0, 8)}` };
    api = await ServiceProcess.start('api', { ...env, PORT: String(port) });
    await api.listening(port);
  });

  afterAll(async () => {
    await api?.kill();
    await db?.destroy();
    await database?.drop();
  });

  it('refuses every bomb with its 413 within 2 s, keeps /health/live answering and its memory low', async () => {
    const token = await httpClient(port).token('preparer', 'preparer-demo');
    const bombs: [string, Buffer][] = [
      ['bomb.xlsx', xlsxBomb(200_000, false)],
      ['bomb2.xlsx', xlsxBomb(200_000)],
      ['bomb.txt', Buffer.from(textBomb(374_000))],
    ];
    const pid = api.child.pid!;
    const before = residentMb(pid);
    let peak = before;
    const polls: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const started = performance.now();
        const status = await live(port);
        polls.push(performance.now() - started);
        expect(status).toBe(200);
        peak = Math.max(peak, residentMb(pid));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    for (let round = 0; round < 2; round += 1) {
      const answers = await Promise.all(
        bombs.map(async ([name, bytes]) => {
          const started = performance.now();
          const reply = await upload(port, token, name, bytes);
          return { ...reply, ms: performance.now() - started };
        }),
      );
      for (const { status, code, ms } of answers) {
        expect({ status, code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
        expect(ms).toBeLessThan(2_000);
      }
    }
    polling = false;
    await poller;
    // The 200 ms bound is the e2e test's (import-bombs.e2e-spec.ts); here each poll opens a new
    // connection to another process on CPUs shared with the bombs' sender, and measured 150–290 ms
    // at worst on a loaded 2-core machine: what must not come back is the 13.5 s pause.
    expect(Math.max(...polls)).toBeLessThan(1_000);
    // Three uploads of up to 10 MB held at once, and their copies for the reading threads: far from 1.6 GB.
    expect(peak - before).toBeLessThan(300);
    expect(await eventCount(db)).toBe(0);
  });
});
