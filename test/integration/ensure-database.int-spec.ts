import { describe, expect, it } from '@jest/globals';
import { ensureDatabase } from '@app/database';
import { databaseUrl, newDatabaseName, withAdmin } from '../support/databases.js';

describe('creating the database on a fresh server', () => {
  it('creates a missing database once, and leaves an existing one alone', async () => {
    const name = newDatabaseName('db');
    try {
      expect(await ensureDatabase(databaseUrl(name))).toBe(true);
      expect(await ensureDatabase(databaseUrl(name))).toBe(false);
      const { rowCount } = await withAdmin((admin) =>
        admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
      );
      expect(rowCount).toBe(1);
    } finally {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });

  it('refuses a database name it could not quote safely', async () => {
    await expect(ensureDatabase('postgres://postgres@127.0.0.1:5432/x;drop')).rejects.toThrow(/Unusable database name/);
  });
});
