import { describe, expect, it } from '@jest/globals';
import { CommandHandler } from './command-handler.js';
import {
  ConcurrencyError,
  ExpectedVersionRequiredError,
  IdempotencyConflictError,
  StreamNotFoundError,
} from './errors.js';
import type { EventStore } from './event-store.js';
import { FoldedStreams } from './folded-streams.js';
import { InMemoryEventStore } from './in-memory-event-store.js';

/** A counter: the smallest state a handler can decide on. */
type Counted = { type: 'Counted'; data: { by: number } };
type Counter = { total: number; owner: string };

const evolve = (state: Counter | null, event: Counted): Counter => ({
  owner: state?.owner ?? 'alice',
  total: (state?.total ?? 0) + event.data.by,
});

function setUp(store = new InMemoryEventStore()) {
  let wakeUps = 0;
  const handler = new CommandHandler(store, new FoldedStreams(store, evolve), () => (wakeUps += 1));
  const count = (by: number) => (): Counted[] => [{ type: 'Counted', data: { by } }];
  const base = { streamId: 'counter-1', metadata: { actorId: 'alice', role: 'tester' } };
  return { store, handler, count, base, wakeUps: () => wakeUps };
}

describe('the one command path: load, check the version, decide, append', () => {
  it('starts a stream, then changes it at the version the caller saw', async () => {
    const { store, handler, count, base, wakeUps } = setUp();
    const started = await handler.handle({ ...base, expectedVersion: 'no_stream', decide: count(2) });
    expect(started).toMatchObject({ streamId: 'counter-1', version: 1, replayed: false });
    const changed = await handler.handle({ ...base, expectedVersion: 1, decide: (s) => count(s!.total)() });
    expect(changed.version).toBe(2);
    expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 2 }, { by: 2 }]);
    expect(wakeUps()).toBe(2);
  });

  it('refuses a stale version, and a change that names none, before deciding anything', async () => {
    const { handler, count, base } = setUp();
    await handler.handle({ ...base, expectedVersion: 'no_stream', decide: count(1) });
    const decided: number[] = [];
    const decide = () => (decided.push(1), count(1)());
    await expect(handler.handle({ ...base, expectedVersion: 3, decide })).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(handler.handle({ ...base, expectedVersion: null, decide })).rejects.toBeInstanceOf(
      ExpectedVersionRequiredError,
    );
    expect(decided).toEqual([]);
  });

  it('treats a stream the caller may not see as one that does not exist, whatever version they name', async () => {
    const { handler, count, base } = setUp();
    await handler.handle({ ...base, expectedVersion: 'no_stream', decide: count(1) });
    const mayRead = (s: Counter) => s.owner === 'bob';
    for (const expectedVersion of [1, 7, null]) {
      await expect(handler.handle({ ...base, expectedVersion, mayRead, decide: count(1) })).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
    }
    await expect(
      handler.handle({ ...base, streamId: 'counter-2', expectedVersion: 1, decide: count(1) }),
    ).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('answers a repeat with the first outcome, appending nothing, and refuses the key for another request', async () => {
    const { store, handler, count, base, wakeUps } = setUp();
    const idempotency = { commandId: 'alice:key-1', fingerprint: 'a' };
    await handler.handle({ ...base, expectedVersion: 'no_stream', decide: count(1) });
    const first = await handler.handle({ ...base, expectedVersion: 1, idempotency, decide: count(5) });
    const again = await handler.handle({ ...base, expectedVersion: 1, idempotency, decide: count(5) });
    const { state, ...answer } = first;
    expect(state).toEqual({ owner: 'alice', total: 6 });
    expect(again).toEqual({ ...answer, replayed: true });
    expect(await store.readStream('counter-1')).toHaveLength(2);
    expect(wakeUps()).toBe(2);
    const other = { commandId: 'alice:key-1', fingerprint: 'b' };
    await expect(
      handler.handle({ ...base, expectedVersion: 2, idempotency: other, decide: count(5) }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('answers a repeat that finds the stream already moved by its first run with that first outcome', async () => {
    const { store, handler, count, base } = setUp();
    const idempotency = { commandId: 'alice:key-2', fingerprint: 'a' };
    await handler.handle({ ...base, expectedVersion: 'no_stream', decide: count(1) });
    // The repeat reads the command before the first run appends, and the stream after it did.
    const findCommand = store.findCommand.bind(store);
    let first: Promise<Awaited<ReturnType<typeof handler.handle>>> | undefined;
    store.findCommand = async (...args) => {
      const found = await findCommand(...args);
      if (!first) {
        store.findCommand = findCommand;
        first = handler.handle({ ...base, expectedVersion: 1, idempotency, decide: count(5) });
        await first;
      }
      return found;
    };
    const repeat = await handler.handle({ ...base, expectedVersion: 1, idempotency, decide: count(5) });
    const { state: _state, ...answer } = await first!;
    expect(repeat).toEqual({ ...answer, replayed: true });
    expect(await store.readStream('counter-1')).toHaveLength(2);
  });

  it('records nothing, and says so, when the decision is that nothing changes', async () => {
    const { store, handler, count, base } = setUp();
    await handler.handle({ ...base, expectedVersion: 'no_stream', decide: count(1) });
    const unchanged = await handler.handle({ ...base, expectedVersion: 1, decide: () => [] });
    expect(unchanged).toEqual({ streamId: 'counter-1', version: 1, position: null, replayed: false });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('starts many streams in one transaction, a repeated one answered from its first outcome', async () => {
    const { store, handler, count, base } = setUp();
    const stream = (id: string, key: string) => ({
      ...base,
      streamId: id,
      events: count(1)(),
      idempotency: { commandId: key, fingerprint: 'f' },
    });
    const first = await handler.handleNew([stream('a', 'k-a'), stream('b', 'k-b')]);
    const second = await handler.handleNew([stream('a2', 'k-a'), stream('c', 'k-c')]);
    expect(first.map((h) => h.streamId)).toEqual(['a', 'b']);
    expect(second.map((h) => [h.streamId, h.replayed])).toEqual([
      ['a', true],
      ['c', false],
    ]);
    expect(await store.readStream('a2')).toEqual([]);
  });
});

describe("the lean path: a state this process folded at the caller's version", () => {
  /** Counts the store's calls by name. */
  function counting(store: EventStore): Record<string, number> {
    const calls: Record<string, number> = {};
    for (const name of ['append', 'readStream', 'streamHead', 'findCommand'] as const) {
      const real = store[name].bind(store) as (...args: unknown[]) => unknown;
      (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return real(...args);
      };
    }
    return calls;
  }

  it('decides on it and appends at its version and hash, reading nothing from the log', async () => {
    const { store, handler, count, base } = setUp();
    await handler.handle({ ...base, expectedVersion: 'no_stream', decide: count(2) });
    const calls = counting(store);
    await handler.handle({ ...base, expectedVersion: 1, decide: (s) => count(s!.total)() });
    await handler.handle({ ...base, expectedVersion: 2, decide: (s) => count(s!.total)() });
    expect(calls).toEqual({ append: 2 });
    expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 2 }, { by: 2 }, { by: 4 }]);
  });

  it('is a clash when another process appended since, however the decision goes on the old state', async () => {
    const store = new InMemoryEventStore();
    const here = setUp(store);
    const there = setUp(store);
    await here.handler.handle({ ...here.base, expectedVersion: 'no_stream', decide: here.count(1) });
    await there.handler.handle({ ...there.base, expectedVersion: 1, decide: there.count(1) });
    await expect(
      here.handler.handle({ ...here.base, expectedVersion: 1, decide: here.count(1) }),
    ).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 2 });
    const refusing = () => {
      throw new Error('refused on the old state');
    };
    await expect(here.handler.handle({ ...here.base, expectedVersion: 1, decide: refusing })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
  });

  it('folds the log again when it no longer ends in the hash the kept state was folded to', async () => {
    const { store, handler, count, base } = setUp();
    await handler.handle({ ...base, expectedVersion: 'no_stream', decide: count(2) });
    store.tamper('counter-1', 1, (event) => {
      event.data = { by: 10 };
      event.hash = 'e'.repeat(64);
    });
    const changed = await handler.handle({ ...base, expectedVersion: 1, decide: (s) => count(s!.total)() });
    expect(changed.version).toBe(2);
    expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 10 }, { by: 10 }]);
  });
});
