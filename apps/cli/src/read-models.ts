import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { READ_MODELS } from '@app/database';
import { bullConnection, QUEUE } from '@app/jobs';
import { rebuild, ReadModelStatus, requestRebuild } from '@app/projections';
import { fail, withDatabase } from './database.js';

export const READ_MODELS_USAGE = `read-models:
  npm run cli -- read-models status
  npm run cli -- read-models rebuild <name> [--wait] [--in-process]
    enqueues a rebuild for the worker (--wait follows its progress); --in-process runs it here,
    without Redis or a worker. Read models: declarations, notices`;

/** `read-models status | rebuild <name>` */
export async function readModels(config: AppConfig, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { wait: { type: 'boolean', default: false }, 'in-process': { type: 'boolean', default: false } },
  });
  const [action, name] = positionals;
  if (action !== 'status' && !(action === 'rebuild' && name)) return fail(READ_MODELS_USAGE, [], 64);
  await withDatabase(config, async (db) => {
    const status = new ReadModelStatus(
      db,
      READ_MODELS.map((Projection) => new Projection()),
    );
    if (action === 'status') {
      process.stdout.write(`${JSON.stringify(await status.list(), null, 2)}\n`);
    } else if (values['in-process']) {
      await rebuildHere(db, status, name!);
    } else {
      await enqueue(config, db, status, name!, values.wait);
    }
  });
}

async function rebuildHere(db: DataSource, status: ReadModelStatus, name: string): Promise<void> {
  const id = randomUUID();
  await db.query(`INSERT INTO read_model_rebuilds (id, name, status, requested_by) VALUES ($1, $2, 'queued', 'cli')`, [
    id,
    name,
  ]);
  const timer = setInterval(() => void report(status, name), 1_000);
  try {
    await rebuild(db, status.projection(name), id);
  } finally {
    clearInterval(timer);
  }
  await report(status, name);
}

async function enqueue(config: AppConfig, db: DataSource, status: ReadModelStatus, name: string, wait: boolean) {
  const queue = new Queue(QUEUE.rebuilds, {
    connection: bullConnection(config.redis.url),
    prefix: config.redis.queuePrefix,
  });
  try {
    const id = await requestRebuild(db, status, queue, name, 'cli');
    process.stdout.write(`rebuild ${id} of ${name} queued\n`);
    for (let done = !wait; !done;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const latest = await report(status, name);
      done = latest === 'completed' || latest === 'failed';
    }
  } finally {
    await queue.close();
  }
}

async function report(status: ReadModelStatus, name: string): Promise<string | undefined> {
  const rebuild = await status.latestRebuild(name);
  if (rebuild) {
    const percent = rebuild.progress === null ? '' : ` ${(rebuild.progress * 100).toFixed(0)}%`;
    process.stderr.write(
      `${name}: ${rebuild.status}${percent} (${rebuild.eventsDone} events)${rebuild.error ? ` ${rebuild.error}` : ''}\n`,
    );
  }
  return rebuild?.status;
}
