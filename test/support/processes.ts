import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceUrl } from './databases.js';
import { waitFor } from './throwaway.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * A test database's URL as its service role, as production runs (libs/database/src/roles.ts); a
 * database the test set up some other way (its own server) is left as it is.
 */
function asService(env: Record<string, string>): Record<string, string> {
  const url = env.DATABASE_URL;
  if (url === undefined || !new URL(url).pathname.startsWith('/pta_test_db_')) return {};
  return { DATABASE_URL: serviceUrl(url) };
}

/**
 * The built api or worker (`dist/`, built once per run by the tier's global setup) as a real process the test can kill: what
 * a crash or an orchestrator's SIGKILL does to it.
 */
export class ServiceProcess {
  private exited: Promise<number | null>;
  readonly output: string[] = [];

  private constructor(
    readonly kind: 'api' | 'worker',
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const keep = (chunk: Buffer) => this.output.push(...chunk.toString().split('\n').filter(Boolean).slice(-50));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static start(kind: 'api' | 'worker', env: Record<string, string>): Promise<ServiceProcess> {
    const main = `${ROOT}dist/apps/${kind}/src/main.js`;
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      // Checkpoints belong to the test's own database: published to a folder of its own.
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        CHECKPOINT_DIR: mkdtempSync(join(tmpdir(), 'pta-checkpoints-')),
        ...env,
        ...asService(env),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return Promise.resolve(new ServiceProcess(kind, child));
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null) this.child.kill(signal);
    await this.exited;
  }

  /** For an api: waits until it answers HTTP. */
  async listening(port: number): Promise<void> {
    await waitFor(`api on ${port} (${this.output.slice(-5).join(' | ')})`, async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health/live`);
      return response.ok;
    });
  }
}
