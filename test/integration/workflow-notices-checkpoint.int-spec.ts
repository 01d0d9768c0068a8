import { describe, expect, it } from '@jest/globals';
import { WorkflowNoticesCheckpoint1796700100000 } from '@app/deadlines';
import { PostgresEventStore, readLog } from '@app/event-store';
import { usePostgres } from '../support/postgres.js';
import { testKeys } from '../support/keys.js';

/** The upgrade that brings workflow notices must not tell anyone about the season already in the log. */
describe('the workflow-notices checkpoint on upgrade', () => {
  const pg = usePostgres(4);
  const migrate = async () => {
    const runner = pg.dataSource.createQueryRunner();
    try {
      await pg.dataSource.query(`DELETE FROM projection_checkpoints WHERE name = 'workflow-notices'`);
      await new WorkflowNoticesCheckpoint1796700100000().up(runner);
    } finally {
      await runner.release();
    }
    return pg.dataSource.query<{ transaction_id: string; global_position: string }[]>(
      `SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = 'workflow-notices'`,
    );
  };

  it('leaves an empty log to be read from its start', async () => {
    expect(await migrate()).toEqual([]);
  });

  it('starts after the last event of a log that holds a history', async () => {
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    const metadata = { actorId: 'u-1', role: 'preparer' };
    for (const stream of ['declaration-a', 'declaration-b']) {
      await store.append(stream, 'no_stream', [{ type: 'Probe', data: { n: 1 } }], metadata);
      await store.append(stream, 1, [{ type: 'Probe', data: { n: 2 } }], metadata);
    }
    const [row] = await migrate();
    const checkpoint = { transactionId: BigInt(row!.transaction_id), globalPosition: BigInt(row!.global_position) };
    const sql = <T>(text: string, params?: unknown[]) => pg.dataSource.query<T[]>(text, params);
    expect(await readLog(sql, { after: checkpoint })).toEqual([]);
    expect((await readLog(sql)).length).toBe(4);
  });
});
