import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { NODE_FLAGS } from '@app/config';
import { createDataSource, runMigrations } from '@app/database';
import { databaseUrl, withAdmin } from '../support/databases.js';
import { freePort, waitFor } from '../support/throwaway.js';

// The bench runs compiled, from dist/bench/test/bench/: four levels up is the repository.
const ROOT = new URL('../../../../', import.meta.url).pathname;
export const repoPath = (path: string): string => `${ROOT}${path}`;

/** The real 2025 export: 33 forms of five units. */
export const formsFile = (): Buffer =>
  readFileSync(repoPath('test/fixtures/forms/2025-songjiang-hrss-declarations.txt'));
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** A database of the run's own, `<prefix>_<unix time>`, migrated; dropped at the end unless kept. */
export class BenchDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
    readonly db: DataSource,
  ) {}

  static async create(prefix: string, poolSize = 40): Promise<BenchDatabase> {
    const name = `${prefix}_${Math.floor(Date.now() / 1000)}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
    const url = databaseUrl(name);
    const db = createDataSource({ url, poolSize, applicationName: 'pta-bench' });
    await db.initialize();
    await runMigrations(db);
    return new BenchDatabase(name, url, db);
  }

  async close(keep: boolean): Promise<void> {
    await this.db.destroy();
    if (!keep) await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
  }
}

/** The built api or worker (`dist/`) as a real process; its peak RSS is read from /proc. */
export class Service {
  private readonly exited: Promise<number | null>;
  readonly output: string[] = [];

  private constructor(
    readonly kind: 'api' | 'worker',
    readonly child: ChildProcess,
    readonly port: number | null,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split('\n').filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 50));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(kind: 'api' | 'worker', env: Record<string, string>): Promise<Service> {
    const port = kind === 'api' ? await freePort() : null;
    // BENCH_PROFILE=<dir>: a CPU profile of each process, written when it stops.
    const profile = process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}/${kind}`]
      : [];
    // The flags npm start runs them with (config/node-flags.ts); BENCH_NODE_FLAGS="…" tries others.
    const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? NODE_FLAGS[kind];
    const child = spawn(process.execPath, [...profile, ...flags, `${ROOT}dist/apps/${kind}/src/main.js`], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        ...env,
        ...(port === null ? {} : { PORT: String(port) }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new Service(kind, child, port);
    if (port !== null) {
      await waitFor(
        `the api on ${port} (${service.output.slice(-5).join(' | ')})`,
        async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok,
        60_000,
      );
    }
    return service;
  }

  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number | null {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Math.round(Number(kb) / 1024) : null;
    } catch {
      return null;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export const newQueuePrefix = (kind: string) => `pta-${kind}-${randomBytes(4).toString('hex')}`;

/** Removes every key of a run's queues from the shared Redis. */
export async function dropQueues(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  postgres: string;
  redis: string;
}

export async function machine(db: DataSource): Promise<Machine> {
  const [row] = await db.query<{ server_version: string }[]>(`SHOW server_version`);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const info = await redis.info('server').finally(() => redis.disconnect());
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    postgres: row?.server_version ?? 'unknown',
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
  };
}
