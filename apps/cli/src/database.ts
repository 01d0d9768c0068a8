import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { createDataSource, runMigrations } from '@app/database';
import { AppError, render } from '@app/platform';

/**
 * Runs a command against the migrated database; a refused request prints its reasons and exits 1.
 * `nameOf` turns a field path (`unitId`) into what the user typed (`--unit`).
 */
export async function withDatabase(
  config: AppConfig,
  command: (db: DataSource) => Promise<void>,
  nameOf: (path: string) => string = (path) => path,
): Promise<void> {
  // An in-process rebuild holds its lock, replays, reads ahead and builds indexes on connections of its own.
  const dataSource = createDataSource({ ...config.database, poolSize: 6, applicationName: 'pta-cli' });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    await command(dataSource);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    fail(
      error.message,
      error.errors.map((e) => `${nameOf(e.path)}: ${render(e.message, 'en')}`),
    );
  } finally {
    await dataSource.destroy();
  }
}

export function fail(message: string, details: string[] = [], exitCode = 1): void {
  process.stderr.write(`error: ${message}\n${details.map((line) => `  ${line}\n`).join('')}`);
  process.exitCode = exitCode;
}
