import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/database';
import { DeclarationsProjection } from '@app/declarations';
import { PostgresEventStore } from '@app/event-store';
import { bullConnection, QUEUE } from '@app/jobs';
import { ReadModelStatus, requestRebuild } from '@app/projections';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { ServiceProcess } from '../support/processes.js';
import { freshReplay, snapshotTables } from '../support/read-models.js';
import { waitFor } from '../support/throwaway.js';
import { Workload } from '../support/workload.js';
import { testKeys } from '../support/keys.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const projection = new DeclarationsProjection();

describe('a worker killed mid catch-up and mid rebuild', () => {
  let database: TestDatabase;
  let db: DataSource;
  let env: Record<string, string>;
  let worker: ServiceProcess | null = null;
  let rebuilds: Queue;

  const applied = async () =>
    Number(
      (
        await db.query<{ n: string }[]>(
          `SELECT coalesce(max(events_applied), 0) AS n FROM projection_checkpoints WHERE name = 'declarations'`,
        )
      )[0]!.n,
    );
  const inLog = async () => Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM events`))[0]!.n);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDataSource({ url: database.url, poolSize: 4 });
    await db.initialize();
    const workload = new Workload(new PostgresEventStore(db, testKeys()));
    for (let n = 0; n < 300; n++) await workload.draft(n);
    for (let i = 0; i < 3_000; i++) await workload.step(i, i * 7 + 1);
    env = { DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: `pta-fault-${randomUUID().slice(0, 8)}` };
    rebuilds = new Queue(QUEUE.rebuilds, { connection: bullConnection(REDIS_URL), prefix: env.QUEUE_PREFIX });
  });

  afterAll(async () => {
    await worker?.kill();
    await rebuilds?.obliterate({ force: true }).catch(() => undefined);
    await rebuilds?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('applies nothing twice and skips nothing when a worker dies mid catch-up and another carries on', async () => {
    const total = await inLog();
    worker = await ServiceProcess.start('worker', env);
    await waitFor(
      'the catch-up to be under way',
      async () => {
        const done = await applied();
        return done > 0 && done < total;
      },
      60_000,
    );
    await worker.kill('SIGKILL');
    const atKill = await applied();
    expect(atKill).toBeLessThan(total);

    worker = await ServiceProcess.start('worker', env);
    await waitFor('the new worker to catch up', async () => (await applied()) === total, 60_000);
    expect(await snapshotTables(db, projection)).toEqual(await freshReplay(db, projection));
  });

  it('leaves the live tables serving when killed mid rebuild, and lets the rebuild run again at once', async () => {
    const status = new ReadModelStatus(db, [projection]);
    const before = await snapshotTables(db, projection);
    // Holding the live checkpoint stops the rebuild at its swap, its fresh tables filled: a kill
    // there is mid rebuild however fast the replay ran.
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM projection_checkpoints WHERE name = 'declarations' FOR UPDATE`);
    const first = await requestRebuild(db, status, rebuilds, 'declarations', 'fault-test');
    try {
      await waitFor(
        'the rebuild to reach its swap',
        async () => {
          const rebuild = await status.latestRebuild('declarations');
          return rebuild?.id === first && rebuild.status === 'swapping' && rebuild.eventsDone > 0;
        },
        60_000,
      );
      const filled = await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM declaration_list__next`);
      expect(Number(filled[0]!.n)).toBeGreaterThan(0);
      await worker!.kill('SIGKILL');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await snapshotTables(db, projection)).toEqual(before);

    worker = await ServiceProcess.start('worker', env);
    const second = await requestRebuild(db, status, rebuilds, 'declarations', 'fault-test');
    expect(second).not.toBe(first);
    await waitFor(
      'the second rebuild to complete',
      async () => (await status.latestRebuild('declarations'))?.status === 'completed',
      60_000,
    );
    expect(await snapshotTables(db, projection)).toEqual(before);
    expect(await applied()).toBe(await inLog());
    const leftovers = await db.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_\\_next'`);
    expect(leftovers).toEqual([]);
    const abandoned = await db.query<{ status: string }[]>(`SELECT status FROM read_model_rebuilds WHERE id = $1`, [
      first,
    ]);
    expect(abandoned).toEqual([{ status: 'failed' }]);
  });
});
