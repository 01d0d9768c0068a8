import { fork, type ChildProcess } from 'node:child_process';
import type { AppConfig } from '@app/config';
import { migrate } from './migrate.js';

/**
 * `npm start`: applies migrations once, then runs the api and the worker as two child
 * processes. A signal is passed on to both; if either dies on its own, the other is stopped
 * too, so a supervisor sees one failed service rather than half of one.
 */
export async function serve(config: AppConfig): Promise<void> {
  await migrate(config);
  const children = new Map<string, ChildProcess>([
    ['api', fork(new URL('../../api/src/main.js', import.meta.url))],
    ['worker', fork(new URL('../../worker/src/main.js', import.meta.url))],
  ]);
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
