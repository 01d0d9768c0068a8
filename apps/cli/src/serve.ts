import { fork, type ChildProcess } from 'node:child_process';
import { NODE_FLAGS, type AppConfig } from '@app/config';
import { migrate } from './migrate.js';

type App = keyof typeof NODE_FLAGS;

/**
 * `npm start`: applies migrations once, then runs the api and the worker as two child
 * processes. A signal is passed on to both; if either dies on its own, the other is stopped
 * too, so a supervisor sees one failed service rather than half of one.
 */
export async function serve(config: AppConfig): Promise<void> {
  await migrate(config);
  await supervise(['api', 'worker']);
}

/** `npm run start:api|start:worker`: one of them, with the same flags, and no migration of its own. */
export async function run(app: string | undefined): Promise<void> {
  if (app !== 'api' && app !== 'worker') {
    process.stderr.write('usage: npm run cli -- run api|worker\n');
    process.exitCode = 64;
    return;
  }
  await supervise([app]);
}

async function supervise(apps: readonly App[]): Promise<void> {
  const children = new Map<string, ChildProcess>(
    apps.map((app) => [
      app,
      fork(new URL(`../../${app}/src/main.js`, import.meta.url), {
        execArgv: [...process.execArgv, ...NODE_FLAGS[app]],
      }),
    ]),
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const child of children.values()) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const exits = [...children].map(
    ([name, child]) =>
      new Promise<number>((resolve) =>
        child.on('exit', (code, signal) => {
          if (!stopping) process.stderr.write(`${name} exited (${code ?? signal}); stopping the rest\n`);
          stop('SIGTERM');
          resolve(code ?? (signal ? 1 : 0));
        }),
      ),
  );
  const codes = await Promise.all(exits);
  process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;
}
