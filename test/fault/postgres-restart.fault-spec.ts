import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createDataSource, ensureDatabase, runMigrations } from '@app/database';
import { DECLARATION_STREAM_PREFIX, declarationIdOf } from '@app/declarations';
import { seedIdentity } from '@app/identity';
import { soundBody } from '../support/declarations.js';
import { httpClient } from '../support/http-client.js';
import { ServiceProcess } from '../support/processes.js';
import { freePort, ThrowawayPostgres, waitFor } from '../support/throwaway.js';
import { PostgresEventStore } from '@app/event-store';
import { testKeys } from '../support/keys.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

describe('PostgreSQL restarted under load', () => {
  let pg: ThrowawayPostgres;
  let api: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    pg = await ThrowawayPostgres.start();
    await ensureDatabase(pg.url('pta'));
    const db = createDataSource({ url: pg.url('pta'), poolSize: 2 });
    await db.initialize();
    await runMigrations(db);
    await seedIdentity(db, 'test', new PostgresEventStore(db, testKeys()));
    await db.destroy();
    port = await freePort();
    api = await ServiceProcess.start('api', {
      DATABASE_URL: pg.url('pta'),
      DATABASE_POOL_SIZE: '8',
      REDIS_URL,
      QUEUE_PREFIX: `pta-fault-${randomUUID().slice(0, 8)}`,
      PORT: String(port),
      HEALTH_TIMEOUT_MS: '500',
    });
    await api.listening(port);
  });

  afterAll(async () => {
    await api?.kill();
    pg?.destroy();
  });

  it('answers 503 meanwhile, recovers without a restart, and loses no acknowledged command', async () => {
    const http = httpClient(port);
    const token = await http.token('preparer', 'preparer-demo');
    const acknowledged: { id: string; submitted: boolean }[] = [];
    const statuses = new Map<number, number>();
    const note = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    let running = true;

    const client = async () => {
      while (running) {
        const created = await http
          .call('POST', '/declarations', token, soundBody(), { 'Idempotency-Key': randomUUID() })
          .catch(() => null);
        note(created?.status ?? -1);
        if (created?.status !== 201) continue;
        const entry = { id: created.body.id as string, submitted: false };
        acknowledged.push(entry);
        const submitted = await http
          .call('POST', `/declarations/${entry.id}/submit`, token, {}, { 'If-Match': '"1"' })
          .catch(() => null);
        note(submitted?.status ?? -1);
        if (submitted?.status === 200) entry.submitted = true;
      }
    };
    const clients = Array.from({ length: 6 }, client);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    pg.stop();
    await waitFor('readiness to report postgres down', async () => {
      const ready = await http.call('GET', '/health/ready');
      return ready.status === 503 && (ready.body.down as string[]).includes('postgres');
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await pg.start();
    await waitFor('readiness to recover', async () => (await http.call('GET', '/health/ready')).status === 200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    running = false;
    await Promise.all(clients);

    // Refused requests were refused cleanly: 503 in the error shape, never a 500 or a dropped connection.
    expect([...statuses.keys()].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    const after = await http.call('POST', '/declarations', token, soundBody());
    expect(after.status).toBe(201);

    const db = createDataSource({ url: pg.url('pta'), poolSize: 1 });
    await db.initialize();
    try {
      const rows = await db.query<{ stream_id: string; versions: number[]; types: string[] }[]>(
        `SELECT stream_id, array_agg(stream_version ORDER BY stream_version) AS versions,
                array_agg(type ORDER BY stream_version) AS types
           FROM events WHERE stream_id LIKE $1 GROUP BY stream_id`,
        [`${DECLARATION_STREAM_PREFIX}%`],
      );
      const streams = new Map(rows.map((r) => [declarationIdOf(r.stream_id), r.types]));
      for (const entry of acknowledged) {
        expect(streams.get(entry.id)?.[0]).toBe('DeclarationDrafted');
        if (entry.submitted) expect(streams.get(entry.id)?.[1]).toBe('DeclarationSubmitted');
      }
      expect((await db.query<{ ok: boolean }[]>(`SELECT true AS ok`))[0]!.ok).toBe(true);
    } finally {
      await db.destroy();
    }
    expect(acknowledged.length).toBeGreaterThan(10);
  });
});
