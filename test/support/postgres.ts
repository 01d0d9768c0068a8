import { afterAll, beforeAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/database';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** A fresh migrated database and a connected DataSource for the test file that calls this. */
export function usePostgres(poolSize = 30): { readonly dataSource: DataSource; readonly database: TestDatabase } {
  const state = {} as { dataSource: DataSource; database: TestDatabase };
  beforeAll(async () => {
    state.database = await createTestDatabase();
    state.dataSource = createDataSource({ url: state.database.url, poolSize, applicationName: 'pta-test' });
    await state.dataSource.initialize();
  });
  afterAll(async () => {
    await state.dataSource?.destroy();
    await state.database?.drop();
  });
  return state;
}
