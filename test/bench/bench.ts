import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '@app/identity';
import { readableHead } from '@app/event-store';
import type { DataSource } from 'typeorm';
import { httpClient } from '../support/http-client.js';
import { waitFor } from '../support/throwaway.js';
import { BenchDatabase, dropQueues, machine, newQueuePrefix, REDIS_URL, repoPath, Service } from './environment.js';
import { consumerCounts, exactlyOnceMeasure, noticesSentTwice, rebuildRuns } from './exactly-once.js';
import { measureAppends } from './measures/append.js';
import { measureAsOf } from './measures/as-of.js';
import { measureHttpCommands } from './measures/http-commands.js';
import { measureImports } from './measures/imports.js';
import { measureRebuild, measureVerify } from './measures/log-wide.js';
import { measureReads } from './measures/reads.js';
import { measureReminders, REMINDER_ENV } from './measures/reminders.js';
import { benchOptions } from './options.js';
import { seedOrganisation } from './organisation.js';
import { table, writeResult, type Measure } from './report.js';
import { seedLog } from './seed-log.js';

const options = benchOptions(process.argv.slice(2));
const wanted = (id: string) => options.only === null || options.only.has(id);
const log = (text: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
const started = performance.now();

/** The read model starts where the log ends, empty: (d) fills it. Other consumers catch up as they would. */
async function skipCatchUp(db: DataSource): Promise<void> {
  const head = await readableHead((text, params) => db.query(text, params));
  const [{ n }] = await db.query<[{ n: string }]>(`SELECT count(*) AS n FROM events`);
  await db.query(
    `INSERT INTO projection_checkpoints (name, transaction_id, global_position, events_applied) VALUES ('declarations', $1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET transaction_id = $1, global_position = $2, events_applied = $3`,
    [head?.transactionId.toString() ?? '0', head?.globalPosition.toString() ?? '0', n],
  );
}

/**
 * Moves every other log consumer of the worker (notices, deadlines) to the end of the seeded log,
 * as a running system would have them: the bench measures a quiet system, not their catch-up.
 */
async function caughtUp(db: DataSource, events: number): Promise<boolean> {
  const head = await readableHead((text, params) => db.query(text, params));
  const [{ moved }] = await db.query<[{ moved: number }]>(
    `WITH moved AS (
       UPDATE projection_checkpoints SET transaction_id = $1, global_position = $2, events_applied = $3
        WHERE name NOT LIKE '%:rebuild' AND events_applied < $3 RETURNING name)
     SELECT count(*)::int AS moved FROM moved`,
    [head?.transactionId.toString() ?? '0', head?.globalPosition.toString() ?? '0', events],
  );
  return moved === 0;
}

/** How much disk the run's database takes, and its largest tables (indexes and TOAST included): how size grows with scale. */
async function storageOf(db: DataSource): Promise<{ databaseMb: number; tables: { table: string; mb: number }[] }> {
  const mb = (bytes: string) => Math.round(Number(bytes) / 1024 ** 2);
  const [{ bytes }] = await db.query<[{ bytes: string }]>(`SELECT pg_database_size(current_database())::text AS bytes`);
  const tables = await db.query<{ table: string; bytes: string }[]>(
    `SELECT relname AS table, pg_total_relation_size(oid)::text AS bytes FROM pg_class
      WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY pg_total_relation_size(oid) DESC LIMIT 6`,
  );
  return { databaseMb: mb(bytes), tables: tables.map((t) => ({ table: t.table, mb: mb(t.bytes) })) };
}

const database = await BenchDatabase.create('pta_bench');
const db = database.db;
const queuePrefix = newQueuePrefix('bench');
const services: Service[] = [];
const measures: Measure[] = [];
/** Adds measures to the table, noting the load average when each was taken (the machine is shared). */
const record = (...added: Measure[]) => {
  for (const m of added)
    measures.push({ ...m, details: { ...m.details, loadAverage: Number(loadavg()[0]!.toFixed(2)) } });
};
log(
  `database ${database.name}, queue prefix ${queuePrefix}, scale ${options.scale}, ${options.seconds} s per load, ` +
    `${options.apis} api and ${options.workers} worker processes`,
);
try {
  const info = await machine(db);
  const organisation = await seedOrganisation(db, 19);
  let rawRate = 0;
  if (wanted('a') || wanted('b')) {
    const appends = await measureAppends(db, options.seconds);
    rawRate = appends.rawRate;
    if (wanted('a')) record(appends.measure);
    log(`(a) ${Math.round(appends.measure.value!)}/s vs ${Math.round(rawRate)}/s raw`);
  }
  const declarations = Math.round(100_000 * options.scale);
  const seeding = performance.now();
  const events = await seedLog(db, organisation, {
    declarations,
    stepsPerDeclaration: 10,
    onProgress: (d, e) => {
      if (d % 20_000 === 0 || d === declarations) log(`seeded ${d} declarations, ${e} events`);
    },
  });
  log(`seeded ${events} events in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
  await skipCatchUp(db);

  // The deadline settings matter to (h) only: no other measure's stays fall due within the run.
  // The worker signs checkpoints on its usual schedule (as in production), into a folder of the run's own.
  const checkpoints = mkdtempSync(join(tmpdir(), 'pta-bench-checkpoints-'));
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    CHECKPOINT_DIR: checkpoints,
    ...REMINDER_ENV,
  };
  // Several apis and workers share the one database and Redis, as on several machines
  // (config/README.md#several-machines); the HTTP loads are spread over the apis.
  for (let i = 0; i < options.workers; i++) services.push(await Service.start('worker', env));
  for (let i = 0; i < options.apis; i++) services.push(await Service.start('api', env));
  const workers = services.filter((s) => s.kind === 'worker');
  const ports = services.filter((s) => s.kind === 'api').map((s) => s.port!);
  const port = ports[0]!;
  const [{ n: logged }] = await db.query<[{ n: string }]>(`SELECT count(*) AS n FROM events`);
  // A consumer's checkpoint row appears when it first runs: keep moving them for a while.
  const settled = Date.now() + 15_000;
  await waitFor(
    'the worker to catch up',
    async () => (await caughtUp(db, Number(logged))) && Date.now() > settled,
    120_000,
  );
  // The worker's first checkpoint takes the whole seeded log in at once (every proof checked, every
  // leaf recorded), which a running service does a minute's worth at a time: measure after it.
  await waitFor(
    'the first checkpoint over the seeded log',
    async () => {
      const [{ size }] = await db.query<[{ size: string | null }]>(
        `SELECT max(tree_size) AS size FROM signed_checkpoints`,
      );
      return Number(size ?? 0) >= Number(logged);
    },
    1_800_000,
  );
  log(`checkpoint over ${logged} events signed`);
  const http = httpClient(port);
  const tokens: Record<string, string> = {};
  for (const user of DEMO_USERS) tokens[user.username] = await http.token(user.username, user.password);

  // The read model starts empty: the rebuild fills it for (e) whether or not (d) is reported.
  const rebuilt = await measureRebuild(port, tokens.admin!, events);
  if (wanted('d')) record(rebuilt);
  log(`(d) ${rebuilt.value!.toFixed(1)} s`);
  if (wanted('g')) {
    record(await measureVerify(port, tokens.auditor!, db));
    log(`(g) ${measures.at(-1)!.value!.toFixed(1)} s`);
  }
  if (wanted('e')) {
    const reads = { reviewer: tokens['dept-reviewer']!, finance: tokens.finance! };
    record(...(await measureReads(port, reads, declarations, options.seconds)));
    log(`(e) ${measures.at(-2)!.value} ms, ${measures.at(-1)!.value} ms`);
  }
  if (wanted('f')) {
    const preparer = {
      userId: organisation.users.preparer!,
      role: 'preparer' as const,
      unitId: 'sj-hrss-bureau',
      departmentId: 'sj-hrss',
    };
    const length = Math.max(100, Math.round(1_000 * options.scale));
    record(await measureAsOf(db, port, { actor: preparer, token: tokens.preparer! }, length, options.seconds));
    log(`(f) ${measures.at(-1)!.value} ms`);
  }
  if (wanted('b')) {
    record(await measureHttpCommands(ports, tokens.preparer!, options.seconds, rawRate));
    log(`(b) ${Math.round(measures.at(-1)!.value!)}/s, ${measures.at(-1)!.note}`);
  }
  if (wanted('c')) {
    record(await measureImports(database, options.seconds));
    log(`(c) ${Math.round(measures.at(-1)!.value!)} events/s, ratio ${measures.at(-1)!.ratio?.toFixed(2)}`);
  }
  if (wanted('h')) {
    const workerPids = workers.map((w) => w.child.pid);
    const bench = {
      db,
      port,
      tokens,
      scale: options.scale,
      organisation,
      redisUrl: REDIS_URL,
      queuePrefix,
      workerPids,
      log,
    };
    record(await measureReminders(bench));
    log(`(h) ${measures.at(-1)!.note}`);
  }
  if (wanted('i')) {
    for (const kind of ['api', 'worker'] as const) {
      const peaks = services.filter((s) => s.kind === kind).map((s) => ({ pid: s.child.pid, mb: s.peakRssMb() }));
      const mb = peaks.some((p) => p.mb === null) ? null : Math.max(...peaks.map((p) => p.mb!));
      record({
        id: kind === 'api' ? 'i1' : 'i2',
        name: `peak RSS of the ${kind} (VmHWM${peaks.length > 1 ? `, largest of ${peaks.length}` : ''})`,
        value: mb,
        unit: 'MB',
        baseline: null,
        ratio: null,
        target: '≤ 300 MB',
        pass: mb !== null && mb <= 300,
        details: { peaks },
      });
    }
  }
  if (wanted('x') || wanted('d') || wanted('h')) {
    const rebuildId = (rebuilt.details.rebuild as { id?: string } | null)?.id;
    const checks = {
      rebuild: rebuildId ? await rebuildRuns(db, REDIS_URL, queuePrefix, rebuildId) : null,
      consumers: await consumerCounts(db),
      noticesSentTwice: await noticesSentTwice(db),
    };
    record(exactlyOnceMeasure(checks, { apis: options.apis, workers: options.workers }));
    log(`(x) ${measures.at(-1)!.note}`);
  }
  const storage = await storageOf(db);
  log(`database ${storage.databaseMb} MB (${storage.tables.map((t) => `${t.table} ${t.mb}`).join(', ')})`);
  const elapsedSeconds = Math.round((performance.now() - started) / 1000);
  console.log(`\n${table(measures)}\n`);
  const result = {
    date: new Date().toISOString(),
    machine: info,
    scale: options.scale,
    durationSeconds: options.seconds,
    elapsedSeconds,
    seeded: { declarations, events },
    storage,
    measures,
  };
  const files = writeResult(repoPath('test/bench/results'), result, options.scale === 1 && options.only === null);
  log(`written ${files.join(', ')}; ${elapsedSeconds} s in all`);
  process.exitCode = measures.every((m) => m.pass !== false) ? 0 : 1;
} finally {
  for (const service of services) await service.stop();
  await dropQueues(queuePrefix).catch(() => undefined);
  await database.close(options.keep);
}
