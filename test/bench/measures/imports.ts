import { randomUUID } from 'node:crypto';
import { loadConfig } from '@app/config';
import { Authentication } from '@app/identity';
import { FormImporter } from '@app/imports';
import { requestContext } from '@app/platform';
import { openImporter } from '../../../apps/cli/src/forms.js';
import { formsFile, REDIS_URL, repoPath, type BenchDatabase } from '../environment.js';
import type { Measure } from '../report.js';
import { createRawTable } from './append.js';

/** The real export with its copy number written as trailing blanks: other bytes, the same 33 forms. */
export function formsCopy(copy: number): Buffer {
  const blanks = copy
    .toString(2)
    .split('')
    .map((bit) => (bit === '1' ? '\t' : ' '))
    .join('');
  return Buffer.concat([formsFile(), Buffer.from(`\n${blanks}\n`)]);
}

interface Sample {
  type: string;
  data: string;
  metadata: string;
}

/** Plain multi-row INSERTs of `rows`, 100 a statement, into a table shaped like the log. */
async function insertBatches(database: BenchDatabase, rows: readonly Sample[], seconds: number): Promise<number> {
  const { db } = database;
  const hash = 'b'.repeat(64);
  const end = performance.now() + seconds * 1000;
  let inserted = 0;
  while (performance.now() < end) {
    const params: unknown[] = [];
    const values: string[] = [];
    for (let i = 0; i < 100; i++) {
      const row = rows[(inserted + i) % rows.length]!;
      const p = params.push(`bench-raw-import-${inserted + i}-${randomUUID()}`, row.type, row.data, row.metadata, hash);
      values.push(`($${p - 4}, 1, $${p - 3}, $${p - 2}, $${p - 1}, now(), NULL, $${p})`);
    }
    await db.query(
      `INSERT INTO bench_raw_events (stream_id, stream_version, type, data, metadata, recorded_at, previous_hash, hash)
       VALUES ${values.join(', ')}`,
      params,
    );
    inserted += 100;
  }
  return inserted;
}

/**
 * (c) The import use case (FormImporter, in-process as the CLI runs it) importing the 33 real
 * forms again and again, each copy a new file, against plain 100-row INSERTs of rows the size of
 * the events it writes. Alternating rounds; events per second.
 */
export async function measureImports(database: BenchDatabase, seconds: number): Promise<Measure> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '10',
    REDIS_URL,
    LOG_LEVEL: 'silent',
    CHECKS_DIR: repoPath('config/checks'),
  });
  const context = await openImporter(config);
  try {
    const importer = context.get(FormImporter);
    const [admin] = await database.db.query<{ id: string }[]>(`SELECT id FROM users WHERE username = 'admin'`);
    const actor = (await new Authentication(database.db).findCaller(admin!.id))!.actor;
    let copy = 0;
    const importFor = async (duration: number) => {
      const end = performance.now() + duration * 1000;
      let events = 0;
      while (performance.now() < end) {
        const plan = await importer.prepare(formsCopy(++copy), `copy-${copy}.txt`, actor);
        const correlation = { correlationId: `bench-import-${copy}`, actorId: actor.userId };
        const report = await requestContext.run(correlation, () => importer.run(plan, actor));
        events += report.created;
      }
      return events;
    };
    await createRawTable(database.db);
    await importFor(0.001); // one file, so the raw rows can be shaped like its events
    const samples = await database.db.query<Sample[]>(
      `SELECT type, data::text AS data, metadata::text AS metadata FROM events
        WHERE metadata->>'correlationId' = 'bench-import-1' ORDER BY global_position`,
    );
    const totals = { imported: 0, importSeconds: 0, inserted: 0, insertSeconds: 0, files: 0 };
    for (let round = 0; round < 2; round++) {
      let at = performance.now();
      totals.inserted += await insertBatches(database, samples, seconds / 2);
      totals.insertSeconds += (performance.now() - at) / 1000;
      at = performance.now();
      const before = copy;
      totals.imported += await importFor(seconds / 2);
      totals.importSeconds += (performance.now() - at) / 1000;
      totals.files += copy - before;
    }
    const rate = totals.imported / totals.importSeconds;
    const rawRate = totals.inserted / totals.insertSeconds;
    const ratio = rate / rawRate;
    return {
      id: 'c',
      name: 'bulk import events/s (33 real forms, new file each time)',
      value: rate,
      unit: '/s',
      baseline: { value: rawRate, unit: '/s', what: 'raw INSERTs, 100-row batches' },
      ratio,
      target: 'ratio ≥ 0.5',
      pass: ratio >= 0.5,
      note: `${totals.files} files of ${samples.length} forms`,
      details: { ...totals, formsPerFile: samples.length },
    };
  } finally {
    await context.close();
  }
}
