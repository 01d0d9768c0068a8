import { describe, expect, it, jest } from '@jest/globals';
import { DeclarationsProjection } from '@app/declarations';
import { PostgresEventStore } from '@app/event-store';
import { readModels } from '../../apps/cli/src/read-models.js';
import { testConfig } from '../support/app.js';
import { usePostgres } from '../support/postgres.js';
import { freshReplay, snapshotTables, waitUntilReadable } from '../support/read-models.js';
import { Workload } from '../support/workload.js';
import { testKeys } from '../support/keys.js';

describe('npm run cli -- read-models rebuild <name> --in-process', () => {
  const pg = usePostgres(2);

  it('replays the log into fresh tables and swaps them in, without Redis or a worker', async () => {
    const workload = new Workload(new PostgresEventStore(pg.dataSource, testKeys()));
    for (let n = 0; n < 5; n++) await workload.draft(n);
    for (let i = 0; i < 40; i++) await workload.step(i % 5, i * 3 + 1);
    // Log readers see only what is older than every transaction still open on the server (any
    // database's): wait until that covers the whole log, or the rebuild stops short of it.
    await waitUntilReadable(pg.dataSource);
    const printed: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
      printed.push(String(text));
      return true;
    });
    try {
      await readModels(testConfig(pg.database.url), ['rebuild', 'declarations', '--in-process']);
    } finally {
      stderr.mockRestore();
    }
    const [log] = await pg.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM events`);
    expect(printed.at(-1)).toBe(`declarations: completed 100% (${log!.n} events)\n`);
    const projection = new DeclarationsProjection();
    expect(await snapshotTables(pg.dataSource, projection)).toEqual(await freshReplay(pg.dataSource, projection));
    const [list] = await pg.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM declaration_list`);
    expect(Number(list!.n)).toBe(5);
  });
});
