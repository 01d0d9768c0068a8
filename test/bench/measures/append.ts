import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PostgresEventStore, type EventMetadata } from '@app/event-store';
import type { Measure } from '../report.js';
import { testKeys } from '../../support/keys.js';

const STREAMS = 16;

/** An event the size of a real command's: an indicator's target revised by a preparer. */
export function typicalEvent(n: number) {
  return {
    type: 'IndicatorRevised',
    data: {
      by: randomUUID(),
      at: new Date().toISOString(),
      indicatorId: randomUUID(),
      changes: { target: { before: `≥${n}(人次)`, after: `≥${n + 1}(人次)` } },
    },
  };
}

export function typicalMetadata(): EventMetadata {
  return { actorId: randomUUID(), role: 'preparer', unit: 'sj-hrss-bureau', correlationId: randomUUID() };
}

/** The baseline's table: the log's columns, defaults and indexes; no hash chain, no version check. */
export async function createRawTable(db: DataSource): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS bench_raw_events`);
  await db.query(`CREATE TABLE bench_raw_events (LIKE events INCLUDING ALL)`);
}

/** Runs `op(worker, i)` on `workers` concurrent loops for `seconds`; answers operations per second. */
export async function saturate(
  workers: number,
  seconds: number,
  op: (worker: number, i: number) => Promise<unknown>,
): Promise<{ rate: number; count: number }> {
  const started = performance.now();
  const end = started + seconds * 1000;
  const counts = await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      let i = 0;
      while (performance.now() < end) await op(worker, i++);
      return i;
    }),
  );
  const count = counts.reduce((a, b) => a + b, 0);
  return { count, rate: count / ((performance.now() - started) / 1000) };
}

/**
 * (a) Single-event appends with the hash chain, 16 streams at once, each at its exact expected
 * version, against plain INSERTs of rows of the same size into a table of the same shape (columns,
 * indexes; no chain, no version check) through the same pool, autocommit, same concurrency.
 * Alternating rounds, so a noisy neighbour hurts both sides alike.
 */
export async function measureAppends(db: DataSource, seconds: number): Promise<{ measure: Measure; rawRate: number }> {
  await createRawTable(db);
  const store = new PostgresEventStore(db, testKeys());
  const run = randomUUID().slice(0, 8);
  const versions = new Array<number>(STREAMS).fill(0);
  const hash = 'a'.repeat(64);
  const append = (w: number, i: number) =>
    store
      .append(`bench-append-${run}-${w}`, versions[w]!, [typicalEvent(i)], typicalMetadata())
      .then((r) => (versions[w] = r.nextExpectedVersion));
  const insert = (w: number, i: number) => {
    const event = typicalEvent(i);
    return db.query(
      `INSERT INTO bench_raw_events (stream_id, stream_version, type, data, metadata, recorded_at, previous_hash, hash)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7)`,
      [
        `bench-raw-${run}-${w}`,
        i + 1,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(typicalMetadata()),
        i === 0 ? null : hash,
        hash,
      ],
    );
  };
  const totals = { appended: 0, inserted: 0, appendSeconds: 0, insertSeconds: 0 };
  const rawOffset = new Array<number>(STREAMS).fill(0);
  for (let round = 0; round < 2; round++) {
    const raw = await saturate(STREAMS, seconds / 2, (w, i) => insert(w, rawOffset[w]! + i));
    for (let w = 0; w < STREAMS; w++) rawOffset[w] = rawOffset[w]! + raw.count; // keep versions unique per stream
    totals.inserted += raw.count;
    totals.insertSeconds += raw.count / raw.rate;
    const chained = await saturate(STREAMS, seconds / 2, append);
    totals.appended += chained.count;
    totals.appendSeconds += chained.count / chained.rate;
  }
  const rawRate = totals.inserted / totals.insertSeconds;
  const appendRate = totals.appended / totals.appendSeconds;
  const verified = await store.verify(`bench-append-${run}-0`);
  const ratio = appendRate / rawRate;
  return {
    rawRate,
    measure: {
      id: 'a',
      name: 'single-event appends/s, hash chain, 16 streams',
      value: appendRate,
      unit: '/s',
      baseline: { value: rawRate, unit: '/s', what: 'raw INSERTs' },
      ratio,
      target: 'ratio ≥ 0.6',
      pass: ratio >= 0.6 && verified.ok,
      details: { ...totals, streams: STREAMS, chainVerified: verified.ok },
    },
  };
}
