import { afterAll, beforeAll } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type AppConfig } from '@app/config';
import type { ApiOptions } from '../../apps/api/src/app.module.js';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** Settings for a test: its own database, its own queue prefix, quiet logs. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '10',
    REDIS_URL,
    QUEUE_PREFIX: `pta-test-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
    // Each test its own published checkpoints: they belong to its own database's log.
    CHECKPOINT_DIR: mkdtempSync(join(tmpdir(), 'pta-checkpoints-')),
    ...overrides,
  });
}

export const silentLogger = pino({ level: 'silent' });

/**
 * The assembled API on a fresh database, for supertest (`request(api.app.getHttpServer())`).
 * `overrides` is read when the API starts (in beforeAll), so an earlier beforeAll may still add to it.
 */
export function useApi(
  overrides: Record<string, string> = {},
  options: ApiOptions = {},
): {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  readonly database: TestDatabase;
} {
  const state = {} as { app: NestExpressApplication; config: AppConfig; database: TestDatabase };
  beforeAll(async () => {
    state.database = await createTestDatabase();
    state.config = testConfig(state.database.url, overrides);
    state.app = await createApi(state.config, silentLogger, options);
    await state.app.init();
  });
  afterAll(async () => {
    await state.app?.close();
    await state.database?.drop();
  });
  return state;
}
