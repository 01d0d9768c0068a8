import { describe, expect, it } from '@jest/globals';
import { ConcurrencyError, IdempotencyConflictError } from './errors.js';
import { checkpointOf, compareCheckpoints, type EventMetadata, type EventStore } from './event-store.js';

/** The behaviour every EventStore must have; run against PostgreSQL and in memory. */
export function describeEventStoreContract(name: string, makeStore: () => EventStore): void {
  const actor: EventMetadata = { actorId: 'u-1', role: 'preparer', unit: 'unit-a', correlationId: 'c-1' };
  let counter = 0;
  const newStream = () => `contract-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2)}`;
  const event = (n: number) => ({ type: 'Counted', data: { n, text: '绩效目标 ≥85.00(%)' } });

  describe(`${name}: the event store contract`, () => {
    it('appends to a new stream and reads it back with versions, metadata and a hash chain', async () => {
      const store = makeStore();
      const stream = newStream();
      const result = await store.append(stream, 'no_stream', [event(1), event(2)], actor);
      expect(result).toMatchObject({ streamId: stream, firstVersion: 1, nextExpectedVersion: 2, duplicate: false });

      const events = await store.readStream(stream);
      expect(events.map((e) => [e.streamVersion, e.type, e.data])).toEqual([
        [1, 'Counted', { n: 1, text: '绩效目标 ≥85.00(%)' }],
        [2, 'Counted', { n: 2, text: '绩效目标 ≥85.00(%)' }],
      ]);
      expect(events[0]!.metadata).toEqual(actor);
      expect(events[0]!.recordedAt).toBeInstanceOf(Date);
      expect(events[0]!.previousHash).toBeNull();
      expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(events[1]!.previousHash).toBe(events[0]!.hash);
      expect(events[1]!.globalPosition > events[0]!.globalPosition).toBe(true);
      expect(result.position).toEqual(checkpointOf(events[1]!));
    });

    it('refuses a stale or wrong expected version with a ConcurrencyError naming the actual version', async () => {
      const store = makeStore();
      const stream = newStream();
      await store.append(stream, 'no_stream', [event(1)], actor);
      await expect(store.append(stream, 'no_stream', [event(2)], actor)).rejects.toMatchObject({
        name: 'ConcurrencyError',
        actual: 1,
      });
      await expect(store.append(stream, 0, [event(2)], actor)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(stream, 2, [event(2)], actor)).rejects.toMatchObject({ expected: 2, actual: 1 });
      await expect(store.append(newStream(), 1, [event(1)], actor)).rejects.toMatchObject({ actual: 0 });
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('appends at a version and hash, returning the new last hash, and refuses another hash there', async () => {
      const store = makeStore();
      const stream = newStream();
      const first = await store.append(stream, 'no_stream', [event(1)], actor);
      const [v1] = await store.readStream(stream);
      expect(first.hash).toBe(v1!.hash);
      await expect(store.append(stream, 1, [event(2)], actor, undefined, 'f'.repeat(64))).rejects.toMatchObject({
        name: 'HeadMismatchError',
        version: 1,
      });
      await expect(store.append(stream, 0, [event(2)], actor, undefined, v1!.hash)).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect(await store.readStream(stream)).toHaveLength(1);
      const second = await store.append(stream, 1, [event(2), event(3)], actor, undefined, v1!.hash);
      expect(second.hash).toBe((await store.streamHead(stream))!.hash);
      expect(second.nextExpectedVersion).toBe(3);
    });

    it('appends at exactly the expected version, or wherever the stream is with "any"', async () => {
      const store = makeStore();
      const stream = newStream();
      await store.append(stream, 'any', [event(1)], actor);
      const exact = await store.append(stream, 1, [event(2)], actor);
      const any = await store.append(stream, 'any', [event(3)], actor);
      expect([exact.nextExpectedVersion, any.nextExpectedVersion]).toEqual([2, 3]);
    });

    it('reads a stream up to a version or up to a point in time', async () => {
      const store = makeStore();
      const stream = newStream();
      await store.append(stream, 'no_stream', [event(1), event(2), event(3)], actor);
      expect((await store.readStream(stream, { toVersion: 2 })).map((e) => e.streamVersion)).toEqual([1, 2]);
      const all = await store.readStream(stream);
      const before = new Date(all[0]!.recordedAt.getTime() - 1);
      expect(await store.readStream(stream, { asOf: before })).toEqual([]);
      expect(await store.readStream(stream, { asOf: all[2]!.recordedAt })).toHaveLength(3);
      expect(await store.readStream(newStream())).toEqual([]);
    });

    it('reads only the events after a version, and tells where a read ends without reading it', async () => {
      const store = makeStore();
      const stream = newStream();
      await store.append(stream, 'no_stream', [event(1), event(2), event(3)], actor);
      const all = await store.readStream(stream);
      expect((await store.readStream(stream, { afterVersion: 1 })).map((e) => e.streamVersion)).toEqual([2, 3]);
      expect(await store.streamHead(stream)).toEqual({ version: 3, events: 3, hash: all[2]!.hash });
      expect(await store.streamHead(stream, { toVersion: 2 })).toEqual({ version: 2, events: 2, hash: all[1]!.hash });
      const before = new Date(all[0]!.recordedAt.getTime() - 1);
      expect(await store.streamHead(stream, { asOf: before })).toBeNull();
      expect(await store.streamHead(newStream())).toBeNull();
    });

    it('reads the whole log after a checkpoint, in order, in pages', async () => {
      const store = makeStore();
      const streams = [newStream(), newStream()];
      await store.append(streams[0]!, 'no_stream', [event(1)], actor);
      await store.append(streams[1]!, 'no_stream', [event(2), event(3)], actor);
      await store.append(streams[0]!, 1, [event(4)], actor);

      const mine = (await readEverything(store)).filter((e) => streams.includes(e.streamId));
      expect(mine.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
      for (let i = 1; i < mine.length; i++) expect(compareCheckpoints(mine[i - 1]!, mine[i]!)).toBe(-1);
      const afterSecond = await store.readAll({ after: checkpointOf(mine[1]!), limit: 1 });
      expect(afterSecond).toHaveLength(1);
      expect(afterSecond[0]!.globalPosition).toBe(mine[2]!.globalPosition);
    });

    it('answers a repeated command id with the first outcome and appends nothing', async () => {
      const store = makeStore();
      const stream = newStream();
      const idempotency = { commandId: `cmd-${newStream()}`, fingerprint: 'f-1', outcome: { status: 201, id: 'x' } };
      const first = await store.append(stream, 'no_stream', [event(1)], actor, idempotency);
      const again = await store.append(stream, 'no_stream', [event(1)], actor, idempotency);
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ ...first, duplicate: true });
      expect(again.outcome).toEqual({ status: 201, id: 'x' });
      expect(await store.readStream(stream)).toHaveLength(1);
      expect((await store.readStream(stream))[0]!.metadata.commandId).toBe(idempotency.commandId);
      expect(await store.findCommand(idempotency.commandId)).toEqual({ ...first, duplicate: true });
      expect(await store.findCommand('never-seen')).toBeNull();
    });

    it('refuses a command id reused for a different request', async () => {
      const store = makeStore();
      const commandId = `cmd-${newStream()}`;
      await store.append(newStream(), 'no_stream', [event(1)], actor, { commandId, fingerprint: 'a' });
      await expect(
        store.append(newStream(), 'no_stream', [event(1)], actor, { commandId, fingerprint: 'b' }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
      await expect(store.findCommand(commandId, 'b')).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await store.findCommand(commandId, 'a')).toMatchObject({ duplicate: true });
    });

    it('verifies an untouched log', async () => {
      const store = makeStore();
      const stream = newStream();
      await store.append(stream, 'no_stream', [event(1), event(2)], actor);
      await store.append(stream, 2, [event(3)], actor);
      expect(await store.verify(stream)).toEqual({
        ok: true,
        hashFunction: 'intact',
        streamsChecked: 1,
        eventsChecked: 3,
        broken: [],
      });
      expect((await store.verify()).ok).toBe(true);
    });

    it('appends to several streams in one transaction, each chained and checked as append does', async () => {
      const store = makeStore();
      const [a, b] = [newStream(), newStream()];
      await store.append(b, 'no_stream', [event(1)], actor);
      const results = await store.appendMany([
        { streamId: a, expectedVersion: 'no_stream', events: [event(1), event(2)], metadata: actor },
        { streamId: b, expectedVersion: 1, events: [event(3)], metadata: { ...actor, role: 'admin' } },
      ]);
      expect(results.map((r) => [r.streamId, r.firstVersion, r.nextExpectedVersion, r.duplicate])).toEqual([
        [a, 1, 2, false],
        [b, 2, 2, false],
      ]);
      expect(results[0]!.position.transactionId).toBe(results[1]!.position.transactionId);
      const streamB = await store.readStream(b);
      expect(streamB[1]!.previousHash).toBe(streamB[0]!.hash);
      expect(streamB[1]!.metadata.role).toBe('admin');
      expect(results[1]!.position).toEqual(checkpointOf(streamB[1]!));
      expect((await store.verify(a)).ok && (await store.verify(b)).ok).toBe(true);
    });

    it('appends none of them when one clashes', async () => {
      const store = makeStore();
      const [a, b] = [newStream(), newStream()];
      await store.append(b, 'no_stream', [event(1)], actor);
      await expect(
        store.appendMany([
          { streamId: a, expectedVersion: 'no_stream', events: [event(1)], metadata: actor },
          { streamId: b, expectedVersion: 'no_stream', events: [event(2)], metadata: actor },
        ]),
      ).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: b, actual: 1 });
      expect(await store.readStream(a)).toEqual([]);
      expect(await store.readStream(b)).toHaveLength(1);
    });

    it('answers a repeated command in a batch with its first outcome and appends the others', async () => {
      const store = makeStore();
      const [a, b] = [newStream(), newStream()];
      const first = { commandId: `cmd-${newStream()}`, fingerprint: 'f', outcome: { id: 'a' } };
      const second = { commandId: `cmd-${newStream()}`, fingerprint: 'f', outcome: { id: 'b' } };
      const earlier = await store.append(a, 'no_stream', [event(1)], actor, first);
      const results = await store.appendMany([
        { streamId: a, expectedVersion: 'no_stream', events: [event(1)], metadata: actor, idempotency: first },
        { streamId: b, expectedVersion: 'no_stream', events: [event(2)], metadata: actor, idempotency: second },
      ]);
      expect(results[0]).toEqual({ ...earlier, duplicate: true });
      expect(results[1]).toMatchObject({ streamId: b, duplicate: false, outcome: { id: 'b' } });
      expect(await store.readStream(a)).toHaveLength(1);
      expect((await store.findCommand(second.commandId))?.streamId).toBe(b);
      await expect(
        store.appendMany([
          {
            streamId: newStream(),
            expectedVersion: 'no_stream',
            events: [event(3)],
            metadata: actor,
            idempotency: { ...second, fingerprint: 'other' },
          },
        ]),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
    });

    it('lets exactly one of many concurrent appenders at the same version win', async () => {
      const store = makeStore();
      const stream = newStream();
      await store.append(stream, 'no_stream', [event(0)], actor);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.append(stream, 1, [event(i)], actor)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });
}

async function readEverything(store: EventStore) {
  const events = [];
  let after;
  for (;;) {
    const page = await store.readAll({ after, limit: 2 });
    if (page.length === 0) return events;
    events.push(...page);
    after = checkpointOf(page.at(-1)!);
  }
}
