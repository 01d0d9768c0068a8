import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { declarationStreamId, DeclarationsProjection } from '@app/declarations';
import { PostgresEventStore } from '@app/event-store';
import { catchUp, rebuild, type Projection } from '@app/projections';
import { randomUUID } from 'node:crypto';
import { createDataSource } from '@app/database';
import { usePostgres } from '../support/postgres.js';
import { afterApply, catchUpFully, freshReplay, snapshotTables, waitUntilReadable } from '../support/read-models.js';
import { Workload } from '../support/workload.js';
import { testKeys } from '../support/keys.js';

const pg = usePostgres(20);
const projection = new DeclarationsProjection();

async function checkpointRow(db: DataSource) {
  const [row] = await db.query<{ events_applied: string }[]>(
    `SELECT events_applied FROM projection_checkpoints WHERE name = 'declarations'`,
  );
  const [log] = await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM events`);
  return { applied: Number(row?.events_applied ?? 0), inLog: Number(log!.n) };
}

describe('the declarations projection', () => {
  it('keeps read models equal to a full rebuild, for random valid command sequences (property)', async () => {
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 5, maxLength: 40 }),
        async (declarations, steps) => {
          const workload = new Workload(store);
          for (let n = 0; n < declarations; n++) await workload.draft(n);
          for (const [which, choice, catchUpNow] of steps) {
            await workload.step(which, choice);
            if (catchUpNow) await catchUp(pg.dataSource, projection, { batchSize: 7 });
          }
          await catchUpFully(pg.dataSource, projection);
          expect(await snapshotTables(pg.dataSource, projection)).toEqual(await freshReplay(pg.dataSource, projection));
        },
      ),
      { numRuns: 25 },
    );
    const { applied, inLog } = await checkpointRow(pg.dataSource);
    expect(applied).toBe(inLog);
  });

  it('applies each event exactly once with two workers catching up while writers append', async () => {
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    const workload = new Workload(store);
    for (let n = 0; n < 30; n++) await workload.draft(n);
    const seen = new Map<bigint, number>();
    const counting = countingProjection(projection, seen);
    const workers = [
      createDataSource({ url: pg.database.url, poolSize: 3 }),
      createDataSource({ url: pg.database.url, poolSize: 3 }),
    ];
    await Promise.all(workers.map((w) => w.initialize()));
    let writing = true;
    const worker = async (db: DataSource) => {
      while (writing) await catchUp(db, counting, { batchSize: 5 });
      await catchUp(db, counting, { batchSize: 5 });
    };
    const running = workers.map(worker);
    for (let i = 0; i < 300; i++) await workload.step(i, i * 7 + 3);
    writing = false;
    await Promise.all(running);
    await Promise.all(workers.map((w) => w.destroy()));
    await catchUpFully(pg.dataSource, projection);

    expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
    expect(await snapshotTables(pg.dataSource, projection)).toEqual(await freshReplay(pg.dataSource, projection));
    const { applied, inLog } = await checkpointRow(pg.dataSource);
    expect(applied).toBe(inLog);
  });

  it('rebuilds while writers append, swapping in tables equal to a fresh replay, losing nothing', async () => {
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    const workload = new Workload(store);
    for (let n = 0; n < 200; n++) await workload.draft(n);
    for (let i = 0; i < 400; i++) await workload.step(i, i * 5 + 2);
    await catchUp(pg.dataSource, projection);
    const rebuildId = randomUUID();
    await pg.dataSource.query(
      `INSERT INTO read_model_rebuilds (id, name, status) VALUES ($1, 'declarations', 'queued')`,
      [rebuildId],
    );
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await workload.step(i, i * 11 + 5);
        if (i % 10 === 0) await workload.draft(1000 + i);
      }
    })();
    const live = (async () => {
      while (writing) await catchUp(pg.dataSource, projection, { batchSize: 20 });
    })();
    await rebuild(pg.dataSource, projection, rebuildId);
    writing = false;
    await Promise.all([writer, live]);
    await catchUpFully(pg.dataSource, projection);

    const [row] = await pg.dataSource.query<{ status: string; events_done: string }[]>(
      `SELECT status, events_done FROM read_model_rebuilds WHERE id = $1`,
      [rebuildId],
    );
    expect(row).toMatchObject({ status: 'completed' });
    expect(Number(row!.events_done)).toBeGreaterThan(600);
    expect(await snapshotTables(pg.dataSource, projection)).toEqual(await freshReplay(pg.dataSource, projection));
    const { applied, inLog } = await checkpointRow(pg.dataSource);
    expect(applied).toBe(inLog);
    const leftovers = await pg.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_\\_next' OR tablename LIKE '%\\_\\_old'`,
    );
    expect(leftovers).toEqual([]);
  });

  it('gives the swapped-in tables every index and primary key of the live ones, rebuild after rebuild', async () => {
    const indexes = () =>
      pg.dataSource.query<{ name: string; definition: string; primary: boolean }[]>(
        `SELECT i.relname AS name, x.indisprimary AS primary,
                regexp_replace(pg_get_indexdef(x.indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+', '\\1') AS definition
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
          WHERE x.indrelid = ANY($1::regclass[]) ORDER BY definition`,
        [projection.tables],
      );
    const before = await indexes();
    const names: string[][] = [];
    for (let round = 0; round < 2; round++) {
      const rebuildId = randomUUID();
      await pg.dataSource.query(
        `INSERT INTO read_model_rebuilds (id, name, status) VALUES ($1, 'declarations', 'queued')`,
        [rebuildId],
      );
      await rebuild(pg.dataSource, projection, rebuildId);
      const after = await indexes();
      expect(after.map(({ definition, primary }) => [definition, primary])).toEqual(
        before.map(({ definition, primary }) => [definition, primary]),
      );
      names.push(after.map((i) => i.name).sort());
    }
    expect(names[0]).not.toEqual(names[1]);
    expect(names.flat().filter((name) => name.includes('__r__r'))).toEqual([]);
    expect(await snapshotTables(pg.dataSource, projection)).toEqual(await freshReplay(pg.dataSource, projection));
  });

  it('carries on where it stopped after a worker dies mid catch-up, applying nothing twice', async () => {
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    const workload = new Workload(store);
    for (let n = 0; n < 20; n++) await workload.draft(n);
    for (let i = 0; i < 100; i++) await workload.step(i, i * 3 + 1);
    await catchUpFully(pg.dataSource, projection);
    const before = await checkpointRow(pg.dataSource);
    for (let i = 0; i < 100; i++) await workload.step(i, i * 3 + 2);
    await waitUntilReadable(pg.dataSource);
    const dying = createDataSource({ url: pg.database.url, poolSize: 2 });
    await dying.initialize();
    // The third batch's connection is killed inside its transaction, as if the process died.
    await expect(catchUp(dying, killedOnBatch(projection, 3), { batchSize: 10 })).rejects.toThrow();
    await dying.destroy().catch(() => undefined);
    const afterCrash = await checkpointRow(pg.dataSource);
    expect(afterCrash.applied).toBe(before.applied + 20);
    await catchUpFully(pg.dataSource, projection);
    const { applied, inLog } = await checkpointRow(pg.dataSource);
    expect(applied).toBe(inLog);
    expect(await snapshotTables(pg.dataSource, projection)).toEqual(await freshReplay(pg.dataSource, projection));
  });
});

describe('a stream the projection cannot apply', () => {
  it('is parked where it went wrong, while the others go on, with the same rows as a fresh replay', async () => {
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    const workload = new Workload(store);
    for (let n = 0; n < 6; n++) await workload.draft(n);
    for (let step = 0; step < 12; step++) await workload.step(step, step);
    const [bad] = workload.declarations.splice(2, 1) as [(typeof workload.declarations)[number]];
    // Good events and the bad one in the same batch: the good ones before it still count.
    await store.append(declarationStreamId(bad.id), bad.version, [revised('before')], {
      actorId: 'x',
      role: 'preparer',
    });
    await store.append(declarationStreamId(bad.id), bad.version + 1, [signedOff()], { actorId: 'x', role: 'preparer' });
    await store.append(declarationStreamId(bad.id), bad.version + 2, [revised('after')], {
      actorId: 'x',
      role: 'preparer',
    });
    for (let step = 12; step < 24; step++) await workload.step(step, step);
    const parked: string[] = [];
    await catchUpFully(pg.dataSource, projection, (name, at) => parked.push(`${name} ${at.streamId}`));
    expect(parked).toEqual([`declarations ${declarationStreamId(bad.id)}`]);
    expect(await snapshotTables(pg.dataSource, projection)).toEqual(await freshReplay(pg.dataSource, projection));
    const [row] = await pg.dataSource.query<{ version: number }[]>(
      `SELECT version FROM declaration_list WHERE declaration_id = $1`,
      [bad.id],
    );
    expect(row!.version).toBe(bad.version + 1);
  });
});

const revised = (goal: string) => ({
  type: 'GoalsRevised',
  data: { by: 'x', at: new Date().toISOString(), changes: { annualGoal: { before: null, after: goal } } },
});
const signedOff = () => ({ type: 'BureauSignedOff', data: { by: 'x', at: new Date().toISOString(), comment: null } });

function countingProjection(inner: Projection, seen: Map<bigint, number>): Projection {
  return afterApply(inner, (_db, events) => {
    for (const event of events) seen.set(event.globalPosition, (seen.get(event.globalPosition) ?? 0) + 1);
  });
}

function killedOnBatch(inner: Projection, batch: number): Projection {
  let calls = 0;
  return afterApply(inner, async (db) => {
    if (++calls === batch) await db.query('SELECT pg_terminate_backend(pg_backend_pid())');
  });
}
