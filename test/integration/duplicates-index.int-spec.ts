import { describe, expect, it } from '@jest/globals';
import { DUPLICATES_SQL } from '@app/imports';
import { usePostgres } from '../support/postgres.js';

const pg = usePostgres(2);

/**
 * The import's duplicate check must be answered from the index of its name expression: without it
 * the check ran a regular expression over every declaration of the unit and year, and the import
 * slowed as the list grew. A plan test, so that the query and the index cannot drift apart unseen.
 */
describe('the duplicate check of an import', () => {
  it('looks declarations up through declaration_list_project', async () => {
    const runner = pg.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // An empty table is cheapest to scan: take scans off the table so the index's use is what is asked.
      await runner.query(`SET LOCAL enable_seqscan = off`);
      await runner.query(`SET LOCAL enable_bitmapscan = off`);
      const [{ 'QUERY PLAN': plan }] = (await runner.query(`EXPLAIN (FORMAT JSON) ${DUPLICATES_SQL}`, [
        ['sj-hrss-bureau'],
        [2025],
        ['就业 援助'],
      ])) as [{ 'QUERY PLAN': unknown }];
      const text = JSON.stringify(plan);
      expect(text).toMatch(/"Index Name":"declaration_list_project(__r)?"/);
      expect(text).toContain('regexp_replace(');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
