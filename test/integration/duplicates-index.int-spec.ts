import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { declarationStreamId } from '@app/declarations';
import { Duplicates, DUPLICATES_LISTED, DUPLICATES_SQL, importCommandId } from '@app/imports';
import { usePostgres } from '../support/postgres.js';

const pg = usePostgres(2);

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/** A row of the declarations list as the projection writes it, with only what the check reads set apart. */
async function listed(projectName: string, createdAt: string, state = 'draft'): Promise<string> {
  const id = randomUUID();
  await pg.dataSource.query(
    `INSERT INTO declaration_list (declaration_id, unit_id, department_id, year, project_name, nature, state,
       revision, version, indicator_count, stage_entered_at, created_by, created_at, updated_at, search_text)
     VALUES ($1, 'sj-hrss-bureau', 'sj-hrss', 2025, $2, '其他经常性项目', $3, 1, 1, 0, $4, 'u', $4, $4, $2)`,
    [id, projectName, state, createdAt],
  );
  return id;
}

describe('the duplicate check of an import', () => {
  /**
   * Each form's matches must come from the index of the name expression, in creation order, the scan
   * stopping at the limit: without the index the check ran a regular expression over every
   * declaration of the unit and year, and without the order in it every match was read and sorted,
   * so an import slowed with each earlier copy of the same projects. A plan test, so that the query
   * and the index cannot drift apart unseen.
   */
  it('takes each form’s oldest matches from declaration_list_project, stopping at its limit', async () => {
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
        DUPLICATES_LISTED + 1,
      ])) as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
      const limits = nodes(plan[0].Plan).filter((node) => node['Node Type'] === 'Limit');
      expect(limits).toHaveLength(1);
      // Straight under the limit, the index scan: no sort of all the matches in between.
      expect(limits[0]!.Plans).toEqual([
        expect.objectContaining({
          'Node Type': 'Index Scan',
          'Index Name': expect.stringMatching(/^declaration_list_project(__r)?$/),
        }),
      ]);
      expect(JSON.stringify(plan)).toContain('regexp_replace(');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it(`lists the ${DUPLICATES_LISTED} oldest declarations of the same name, whitespace ignored, discarded ones not`, async () => {
    const discarded = await listed('就业援助', '2025-01-01T00:00:00Z', 'discarded');
    const ids: string[] = [];
    for (let day = 2; day <= 14; day++) {
      ids.push(
        await listed(day % 2 === 0 ? '就业 援助' : ' 就业援助\t', `2025-01-${String(day).padStart(2, '0')}T00:00:00Z`),
      );
    }
    await listed('就业援助项目', '2025-01-01T00:00:00Z');
    const duplicates = new Duplicates(pg.dataSource);
    const [matches, none] = await duplicates.of(
      [
        { unitId: 'sj-hrss-bureau', year: 2025, projectName: '就业援助' },
        { unitId: 'sj-hrss-bureau', year: 2026, projectName: '就业援助' },
      ],
      'f'.repeat(64),
      [1, 2],
    );
    expect(matches).toEqual(ids.slice(0, DUPLICATES_LISTED));
    expect(matches).not.toContain(discarded);
    expect(none).toEqual([]);

    // The form's own earlier import of this very file is no duplicate: the next oldest takes its place.
    await pg.dataSource.query(`INSERT INTO commands (command_id, stream_id, result) VALUES ($1, $2, '{}')`, [
      importCommandId('e'.repeat(64), 3),
      declarationStreamId(ids[0]!),
    ]);
    const [again] = await duplicates.of(
      [{ unitId: 'sj-hrss-bureau', year: 2025, projectName: '就业援助' }],
      'e'.repeat(64),
      [3],
    );
    expect(again).toEqual(ids.slice(1, DUPLICATES_LISTED + 1));
  });
});
