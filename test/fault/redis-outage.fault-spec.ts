import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createDataSource } from '@app/database';
import { seedIdentity } from '@app/identity';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { soundBody } from '../support/declarations.js';
import { httpClient } from '../support/http-client.js';
import { ServiceProcess } from '../support/processes.js';
import { freePort, ThrowawayRedis } from '../support/throwaway.js';

describe('Redis down while commands arrive', () => {
  let redis: ThrowawayRedis;
  let database: TestDatabase;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    redis = await ThrowawayRedis.start();
    database = await createTestDatabase();
    const db = createDataSource({ url: database.url, poolSize: 2 });
    await db.initialize();
    await seedIdentity(db, 'test');
    await db.destroy();
    port = await freePort();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `pta-fault-${randomUUID().slice(0, 8)}`,
    };
    api = await ServiceProcess.start('api', { ...env, PORT: String(port), HEALTH_TIMEOUT_MS: '500' });
    worker = await ServiceProcess.start('worker', env);
    await api.listening(port);
  });

  afterAll(async () => {
    await Promise.all([api?.kill(), worker?.kill()]);
    await redis?.kill();
    await database?.drop();
  });

  it('keeps taking commands (the log is the record), and the read models catch up when Redis returns', async () => {
    const http = httpClient(port);
    const token = await http.token('preparer', 'preparer-demo');
    const create = async () => {
      const started = Date.now();
      const reply = await http.call('POST', '/declarations', token, soundBody());
      return { ...reply, ms: Date.now() - started };
    };
    const before = await create();
    expect(before.status).toBe(201);
    const caughtUp = await http.call(
      'GET',
      `/declarations?after=${before.headers.get('x-log-position')}&waitMs=10000`,
      token,
    );
    expect(caughtUp.body.total).toBe(1);

    await redis.kill();
    let lastPosition = '';
    for (let i = 0; i < 5; i++) {
      const reply = await create();
      expect(reply.status).toBe(201);
      // Failing fast on Redis: a command never waits for it.
      expect(reply.ms).toBeLessThan(2_000);
      const submitted = await http.call(
        'POST',
        `/declarations/${reply.body.id as string}/submit`,
        token,
        {},
        { 'If-Match': '"1"' },
      );
      expect(submitted.status).toBe(200);
      lastPosition = submitted.headers.get('x-log-position')!;
    }
    const ready = await http.call('GET', '/health/ready');
    expect(ready).toMatchObject({ status: 503, body: { down: ['redis'] } });
    const stale = await http.call('GET', '/declarations', token);
    expect(stale.status).toBe(200);

    // Redis returns empty (it keeps nothing on disk); no command arrives after it does.
    await redis.start();
    const after = await http.call(
      'GET',
      `/declarations?after=${lastPosition}&waitMs=10000&state=departmental_review`,
      token,
    );
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(5);
  });
});
