import { beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { EventStore } from '@app/event-store';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { seedPeople } from '../support/declarations.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an export the client abandons half-way', () => {
  const api = useApi();
  let tokens: Record<string, string>;

  /** Other connections to this test's database inside a transaction (idle in it, or running a page query). */
  async function openSnapshots(): Promise<number> {
    const rows = await api.app.get(DataSource).query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
    );
    return rows[0]!.n;
  }

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    // ~18 MB of CSV: far more than the socket buffers, so the server must wait for the client.
    const store = api.app.get(EventStore);
    const padding = '填'.repeat(1200);
    for (let batch = 0; batch < 5; batch += 1) {
      const events = Array.from({ length: 1000 }, (_, i) => ({ type: 'Ping', data: { n: batch * 1000 + i, padding } }));
      await store.append('bulk-stream', 'any', events, { actorId: 'system', role: 'admin' });
    }
  }, 120_000);

  it('waits for the client while streaming, and ends its snapshot once the client goes away', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const request = http.get({
      host: '127.0.0.1',
      port,
      path: '/audit/export?format=csv',
      headers: bearer(tokens.auditor!),
    });
    request.on('error', () => undefined);
    const response = await new Promise<http.IncomingMessage>((resolve) => request.on('response', resolve));
    expect(response.statusCode).toBe(200);
    await new Promise((resolve) => response.once('data', resolve));
    response.pause();
    await sleep(200);
    expect(await openSnapshots()).toBe(1);

    request.destroy();
    for (let i = 0; i < 50 && (await openSnapshots()) > 0; i += 1) await sleep(50);
    expect(await openSnapshots()).toBe(0);
  });
});
