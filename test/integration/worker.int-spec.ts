import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { bullConnection, QUEUE } from '@app/jobs';
import { PostgresEventStore } from '@app/event-store';
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
