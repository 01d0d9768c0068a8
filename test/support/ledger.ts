import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { declarationStreamId } from '@app/declarations';
import { EventStore } from '@app/event-store';
import { bearer } from './auth.js';
import { client, seedPeople, soundBody } from './declarations.js';

export interface LedgerFixture {
  tokens: Record<string, string>;
  /** Streams by what the tests do to them. */
  streams: Record<'edited' | 'forged' | 'truncated' | 'deleted' | 'swappedA' | 'swappedB' | 'confirmed', string>;
  confirmedId: string;
}

/** Declarations in several states, then a signed checkpoint over all of them. */
export async function ledgerFixture(app: NestExpressApplication): Promise<LedgerFixture> {
  const tokens = await seedPeople(app);
  const preparer = client(app, tokens.preparer!);
  const draft = async (name: string, edits = 0) => {
    const created = await preparer.create(soundBody({ projectName: name })).expect(201);
    for (let v = 1; v <= edits; v++) await preparer.patch(created.body.id, v, { annualGoal: `目标${v}` }).expect(200);
    return created.body.id as string;
  };
  const ids = {
    edited: await draft('改动的项目', 2),
    forged: await draft('被伪造的项目', 1),
    truncated: await draft('被截断的项目', 3),
    deleted: await draft('被删除的项目', 1),
    swappedA: await draft('换位A'),
    swappedB: await draft('换位B'),
    confirmed: await draft('已批复的项目'),
  };
  const act = (user: string, action: string, version: number) =>
    client(app, tokens[user]!).act(ids.confirmed, action, version, '同意').expect(200);
  await act('preparer', 'submit', 1);
  await act('dept-reviewer', 'approve', 2);
  await act('bureau-signer', 'approve', 3);
  await act('finance', 'approve', 4);
  // Many events of one transaction, their positions crossing a power of ten: commit order is numeric.
  const pings = Array.from({ length: 120 }, (_, n) => ({ type: 'Ping', data: { n } }));
  await app.get(EventStore).append('scratch-stream', 'no_stream', pings, { actorId: 'system', role: 'admin' });
  await checkpointAll(app, tokens.auditor!);
  const streams = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, declarationStreamId(id)]));
  return { tokens, streams: streams as LedgerFixture['streams'], confirmedId: ids.confirmed };
}

/**
 * Signs one checkpoint covering every event. The tree takes only events below the oldest
 * transaction still running anywhere on the server (commit order is stable only there), and other
 * tests' transactions can hold that back for a moment: wait until every event is below it.
 */
export async function checkpointAll(app: NestExpressApplication, token: string): Promise<void> {
  const db = app.get(DataSource);
  for (let attempt = 0; ; attempt++) {
    const [{ behind }] = await db.query<[{ behind: number }]>(
      `SELECT count(*)::int AS behind FROM events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`,
    );
    if (behind === 0) break;
    if (attempt >= 100) throw new Error('the log did not become readable as a whole within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const made = await request(app.getHttpServer()).post('/audit/checkpoints').set(bearer(token)).expect(200);
  const [{ n }] = await db.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM events`);
  if (made.body.checkpoint?.treeSize !== n)
    throw new Error(`the checkpoint covers ${made.body.checkpoint?.treeSize} of ${n} events`);
}

/** Runs SQL as a superuser who switched the triggers off for the session (session_replication_role = replica). */
export async function asSuperuser(
  app: NestExpressApplication,
  statements: (q: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>,
) {
  const runner = app.get(DataSource).createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN');
    await runner.query(`SET LOCAL session_replication_role = replica`);
    await statements((sql, params) => runner.query(sql, params));
    await runner.query('COMMIT');
  } catch (error) {
    await runner.query('ROLLBACK');
    throw error;
  } finally {
    await runner.release();
  }
}
