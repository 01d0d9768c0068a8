import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userInfo } from 'node:os';

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A Redis server of the test's own, on its own port, that the test may kill. */
export class ThrowawayRedis {
  private process: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<ThrowawayRedis> {
    const redis = new ThrowawayRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(
      'redis',
      () =>
        spawnSync('redis-cli', ['-p', String(this.port), 'ping'])
          .stdout?.toString()
          .includes('PONG') ?? false,
    );
  }

  /** SIGKILL: what an outage looks like to the clients. Its data (none on disk) is gone. */
  async kill(): Promise<void> {
    const process = this.process;
    this.process = null;
    if (!process || process.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      process.once('exit', () => resolve());
      process.kill('SIGKILL');
    });
  }
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary directory), on its own port,
 * that the test may restart. PostgreSQL refuses to run as root, so it runs as `postgres` then.
 */
export class ThrowawayPostgres {
  private constructor(
    readonly port: number,
    private readonly directory: string,
  ) {}

  static async start(): Promise<ThrowawayPostgres> {
    const directory = mkdtempSync(join(tmpdir(), 'pta-pg-'));
    const cluster = new ThrowawayPostgres(await freePort(), directory);
    if (asRoot()) chownSync(directory, ...postgresIds());
    cluster.run('initdb', ['-D', cluster.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await cluster.start();
    return cluster;
  }

  get data(): string {
    return join(this.directory, 'data');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.run('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.directory, 'log'), '-w', 'start']);
    await waitFor('postgres', () => this.run('pg_isready', ['-h', '127.0.0.1', '-p', String(this.port)], true) === 0);
  }

  /** Fast shutdown: open connections are cut, as in a restart for maintenance. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop'], true);
  }

  destroy(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop'], true);
    rmSync(this.directory, { recursive: true, force: true });
  }

  private run(command: string, args: string[], tolerant = false): number {
    const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0 && !tolerant) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
    return result.status ?? 1;
  }
}

const asRoot = () => userInfo().uid === 0;

function postgresIds(): [number, number] {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return [id('-u'), id('-g')];
}
