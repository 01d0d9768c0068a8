import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bullConnection, QUEUE } from '@app/jobs';
import { checkpointFileName, parseCheckpointFile, PostgresEventStore, readCheckpointBody } from '@app/event-store';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { silentLogger, testConfig } from '../support/app.js';
import { usePostgres } from '../support/postgres.js';
import { testKeys } from '../support/keys.js';

describe('the worker process', () => {
  const pg = usePostgres(4);
  let worker: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    config = testConfig(pg.database.url);
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    for (let i = 0; i < 200; i++) {
      await store.append(`s-${i}`, 'no_stream', [{ type: 'Counted', data: { i } }], { actorId: 'u', role: 'admin' });
    }
    const connection = bullConnection(config.redis.url);
    queue = new Queue(QUEUE.maintenance, { connection, prefix: config.redis.queuePrefix });
    events = new QueueEvents(QUEUE.maintenance, { connection, prefix: config.redis.queuePrefix });
    await events.waitUntilReady();
    worker = await createWorker(config, silentLogger);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await Promise.all([queue.close(), events.close()]);
  });

  it('registers its recurring schedules', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('verify-log-nightly');
    expect(schedulers.find((s) => s.key === 'checkpoint')).toMatchObject({ every: 60_000 });
  });

  it('signs a checkpoint when the log grew, publishes it as a file, and signs none when it did not', async () => {
    // The tree takes only events below the oldest transaction running on the server: wait for all 200.
    for (let attempt = 0; attempt < 100; attempt++) {
      const [{ behind }] = await pg.dataSource.query<[{ behind: number }]>(
        `SELECT count(*)::int AS behind FROM events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`,
      );
      if (behind === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The schedule's first run (at start) may have signed it already: then this run finds nothing new.
    const made = await queue.add('make-checkpoint', {});
    await made.waitUntilFinished(events, 20_000);
    const files = readdirSync(config.checkpoints.directory);
    expect(files).toContain(checkpointFileName(200));
    const published = parseCheckpointFile(
      readFileSync(join(config.checkpoints.directory, checkpointFileName(200)), 'utf8'),
    )!;
    const body = readCheckpointBody(published)!;
    expect(testKeys().verifySignature(body.keyId, published.body, published.signature)).toBe(true);
    const again = await queue.add('make-checkpoint', {});
    expect(await again.waitUntilFinished(events, 20_000)).toBeNull();
  });

  it('takes jobs from Redis through BullMQ and runs them against the log', async () => {
    const job = await queue.add('verify-log', {});
    const result = await job.waitUntilFinished(events, 20_000);
    expect(result).toMatchObject({ ok: true, streamsChecked: 200, eventsChecked: 200, broken: [] });
  });

  it('finishes the job in hand before it shuts down', async () => {
    const active = new Promise<string>((resolve) => events.once('active', ({ jobId }) => resolve(jobId)));
    const job = await queue.add('verify-log', {});
    expect(await active).toBe(job.id);
    await worker.close();
    expect(await queue.getJobState(job.id!)).toBe('completed');
  });
});
