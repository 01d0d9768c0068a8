import { describe, expect, it } from '@jest/globals';
import {
  checkpointOf,
  ConcurrencyError,
  PostgresEventStore,
  type EventMetadata,
  type LogCheckpoint,
  type StoredEvent,
} from '@app/event-store';
import { describeEventStoreContract } from '../../libs/event-store/src/event-store.contract.js';
import { usePostgres } from '../support/postgres.js';
import { testKeys } from '../support/keys.js';

const pg = usePostgres();
const store = () => new PostgresEventStore(pg.dataSource, testKeys());
const actor: EventMetadata = { actorId: 'u-1', role: 'preparer', unit: 'unit-a' };

describeEventStoreContract('PostgreSQL', store);

describe('the PostgreSQL event store', () => {
  it('lets exactly one of 20 concurrent appenders win each version, and no version holds two events', async () => {
    const stream = 'race-1';
    for (let version = 0; version < 5; version++) {
      const expected = version === 0 ? ('no_stream' as const) : version;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, writer) =>
          store().append(stream, expected, [{ type: 'Raced', data: { version, writer } }], actor),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const o of lost) expect(o.reason).toBeInstanceOf(ConcurrencyError);
    }
    const rows = await pg.dataSource.query<{ stream_version: number; n: number }[]>(
      `SELECT stream_version, count(*)::int AS n FROM events WHERE stream_id = $1 GROUP BY 1 ORDER BY 1`,
      [stream],
    );
    expect(rows).toEqual([1, 2, 3, 4, 5].map((v) => ({ stream_version: v, n: 1 })));
    expect((await store().verify(stream)).ok).toBe(true);
  });

  it('gives a tail reader every event exactly once, in an order that respects commits, while 8 writers append 10,000', async () => {
    const writers = 8;
    const perWriter = 1250;
    const acked: { id: string; startedAt: number; ackedAt: number }[] = [];
    let clock = 0;
    let writing = true;

    // Two of the writers hold each transaction open a moment after appending, so transactions
    // that took their sequence numbers early often commit late: the case a naive reader skips.
    const slowAppend = async (stream: string, data: object) => {
      const runner = pg.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(`SELECT es_append($1, NULL, $2, $3, NULL, NULL, NULL)`, [
          stream,
          JSON.stringify([{ type: 'Tailed', data }]),
          JSON.stringify(actor),
        ]);
        await runner.query(`SELECT pg_sleep($1)`, [Math.random() * 0.004]);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
    };
    const write = async (writer: number) => {
      for (let i = 0; i < perWriter; i++) {
        const stream = `tail-${writer}-${i % 25}`;
        const id = `${writer}:${i}`;
        const data = { id, pad: 'x'.repeat((i % 7) * 50) };
        const startedAt = ++clock;
        if (writer % 4 === 3) await slowAppend(stream, data);
        else await store().append(stream, 'any', [{ type: 'Tailed', data }], actor);
        acked.push({ id, startedAt, ackedAt: ++clock });
      }
    };
    const seen: StoredEvent[] = [];
    const tail = async () => {
      let after: LogCheckpoint | undefined;
      for (;;) {
        const stillWriting = writing;
        const page = await store().readAll({ after, limit: 500 });
        seen.push(...page);
        if (page.length > 0) after = checkpointOf(page.at(-1)!);
        else if (!stillWriting) return;
        else await new Promise((r) => setTimeout(r, 5));
      }
    };
    const reader = tail();
    await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
    writing = false;
    await reader;

    const tailed = seen.filter((e) => e.type === 'Tailed');
    const ids = tailed.map((e) => (e.data as { id: string }).id);
    expect(ids).toHaveLength(writers * perWriter);
    expect(new Set(ids).size).toBe(writers * perWriter);
    for (let i = 1; i < seen.length; i++) {
      expect(
        seen[i - 1]!.transactionId < seen[i]!.transactionId ||
          (seen[i - 1]!.transactionId === seen[i]!.transactionId &&
            seen[i - 1]!.globalPosition < seen[i]!.globalPosition),
      ).toBe(true);
    }
    // Commit order: whatever was acknowledged before another append started is read before it.
    const readAt = new Map(ids.map((id, index) => [id, index]));
    const byAck = [...acked].sort((a, b) => a.ackedAt - b.ackedAt);
    let latestAckedIndex = -1;
    let cursor = 0;
    for (const append of [...acked].sort((a, b) => a.startedAt - b.startedAt)) {
      while (cursor < byAck.length && byAck[cursor]!.ackedAt < append.startedAt) {
        latestAckedIndex = Math.max(latestAckedIndex, readAt.get(byAck[cursor]!.id)!);
        cursor++;
      }
      expect(readAt.get(append.id)! > latestAckedIndex).toBe(true);
    }
  });

  it('never hands out an event while an older transaction is still open', async () => {
    const runner = pg.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `SELECT es_append('slow', NULL, '[{"type":"Slow","data":{}}]', '{"actorId":"u","role":"r"}', NULL, NULL, NULL)`,
      );
      const later = await store().append('fast', 'any', [{ type: 'Fast', data: {} }], actor);
      const before = await store().readAll({
        after: { transactionId: later.position.transactionId - 1n, globalPosition: 0n },
      });
      expect(before.map((e) => e.type)).not.toContain('Fast');
      await runner.commitTransaction();
      const after = await store().readAll({
        after: { transactionId: later.position.transactionId - 100n, globalPosition: 0n },
        limit: 10_000,
      });
      const types = after.map((e) => e.type);
      expect(types.indexOf('Slow')).toBeGreaterThanOrEqual(0);
      expect(types.indexOf('Slow')).toBeLessThan(types.indexOf('Fast'));
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('catches a row altered behind its back, naming the stream and version', async () => {
    const stream = 'tampered-1';
    await store().append(
      stream,
      'no_stream',
      [1, 2, 3].map((n) => ({ type: 'Counted', data: { n } })),
      actor,
    );
    await store().append('untouched-1', 'no_stream', [{ type: 'Counted', data: { n: 1 } }], actor);
    await pg.dataSource.query(`ALTER TABLE events DISABLE TRIGGER events_append_only`);
    try {
      await pg.dataSource.query(`UPDATE events SET data = '{"n": 200}' WHERE stream_id = $1 AND stream_version = 2`, [
        stream,
      ]);
    } finally {
      await pg.dataSource.query(`ALTER TABLE events ENABLE TRIGGER events_append_only`);
    }
    const one = await store().verify(stream);
    expect(one).toMatchObject({ ok: false, streamsChecked: 1, eventsChecked: 3 });
    // The edit breaks the hash, and the proof made before the insert no longer matches the data.
    expect(one.broken).toEqual([
      expect.objectContaining({ streamId: stream, streamVersion: 2, reason: 'hash_mismatch' }),
      expect.objectContaining({ streamId: stream, streamVersion: 2, reason: 'bad_signature' }),
    ]);
    const all = await store().verify();
    expect(all.ok).toBe(false);
    expect(all.broken.map((b) => [b.streamId, b.streamVersion])).toContainEqual([stream, 2]);
    expect(all.broken.map((b) => b.streamId)).not.toContain('untouched-1');
  });

  it('catches a row whose hash was recomputed but whose successor still points at the old one', async () => {
    const stream = 'rehashed-1';
    await store().append(
      stream,
      'no_stream',
      [1, 2].map((n) => ({ type: 'Counted', data: { n } })),
      actor,
    );
    await pg.dataSource.query(`ALTER TABLE events DISABLE TRIGGER events_append_only`);
    try {
      await pg.dataSource.query(
        `UPDATE events SET data = '{"n": 9}',
           hash = es_event_hash(previous_hash, stream_id, stream_version, type, '{"n": 9}', metadata, recorded_at)
         WHERE stream_id = $1 AND stream_version = 1`,
        [stream],
      );
    } finally {
      await pg.dataSource.query(`ALTER TABLE events ENABLE TRIGGER events_append_only`);
    }
    expect((await store().verify(stream)).broken).toEqual([
      expect.objectContaining({ streamId: stream, streamVersion: 1, reason: 'bad_signature' }),
      expect.objectContaining({ streamId: stream, streamVersion: 2, reason: 'previous_hash_mismatch' }),
    ]);
  });

  it('appends nothing for a command repeated concurrently, and answers every repeat with the first outcome', async () => {
    const idempotency = { commandId: 'cmd-concurrent', fingerprint: 'f', outcome: { id: 'd-1' } };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store().append('idem-1', 'no_stream', [{ type: 'Drafted', data: {} }], actor, idempotency),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const first = results.find((r) => !r.duplicate)!;
    for (const r of results) expect(r).toEqual({ ...first, duplicate: r.duplicate });
    expect(await store().readStream('idem-1')).toHaveLength(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on events and on the command record', async () => {
    await store().append('immutable-1', 'no_stream', [{ type: 'Counted', data: { n: 1 } }], actor, {
      commandId: 'cmd-immutable',
    });
    for (const table of ['events', 'commands']) {
      await expect(pg.dataSource.query(`UPDATE ${table} SET stream_id = 'x'`)).rejects.toThrow(/append-only: UPDATE/);
      await expect(pg.dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only: DELETE/);
      await expect(pg.dataSource.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only: TRUNCATE/);
    }
    expect(await store().readStream('immutable-1')).toHaveLength(1);
  });
});
