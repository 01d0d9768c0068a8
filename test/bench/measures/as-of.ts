import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { decide, DEFAULT_RULE_SET, evolve, declarationStreamId, type Declaration } from '@app/declarations';
import { PostgresEventStore } from '@app/event-store';
import { readFormsText } from '@app/forms';
import { draftContentOfForm } from '@app/imports';
import type { Actor } from '@app/identity/roles';
import { formsFile } from '../environment.js';
import { load } from '../load.js';
import type { Measure } from '../report.js';
import { testKeys } from '../../support/keys.js';

const CONNECTIONS = 4;

/** A declaration of the preparer's unit with `length` events: drafted, then its targets revised again and again. */
async function longHistory(db: DataSource, preparer: Actor, length: number): Promise<{ id: string; middle: string }> {
  const store = new PostgresEventStore(db, testKeys());
  const content = draftContentOfForm(readFormsText(formsFile().toString('utf8'))[0]!);
  const id = randomUUID();
  const context = () => ({ actor: preparer, now: new Date(), newId: randomUUID });
  const metadata = { actorId: preparer.userId, role: preparer.role, unit: preparer.unitId };
  const drafted = decide(
    {
      type: 'DraftDeclaration',
      declarationId: id,
      unitId: preparer.unitId!,
      departmentId: preparer.departmentId!,
      content,
      origin: { kind: 'typed' },
    },
    null,
    context(),
    DEFAULT_RULE_SET,
  );
  await store.append(declarationStreamId(id), 'no_stream', drafted, metadata);
  let state = drafted.reduce<Declaration | null>(evolve, null)!;
  for (let version = 1; version < length; version++) {
    const indicator = state.content.indicators[version % state.content.indicators.length]!;
    const events = decide(
      {
        type: 'ReviseIndicator',
        indicatorId: indicator.id,
        changes: { name: `${indicator.name.slice(0, 40)}·${version}` },
      },
      state,
      context(),
      DEFAULT_RULE_SET,
    );
    await store.append(declarationStreamId(id), version, events, metadata);
    state = events.reduce(evolve, state);
  }
  const [row] = await db.query<{ at: string }[]>(
    `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
       FROM events WHERE stream_id = $1 AND stream_version = $2`,
    [declarationStreamId(id), Math.floor(length / 2)],
  );
  return { id, middle: row!.at };
}

/** (f) How a declaration with a long history stood at a moment in its middle: p99 under 4 connections. */
export async function measureAsOf(
  db: DataSource,
  port: number,
  preparer: { actor: Actor; token: string },
  length: number,
  seconds: number,
): Promise<Measure> {
  const { id, middle } = await longHistory(db, preparer.actor, length);
  const path = `/declarations/${id}?asOf=${encodeURIComponent(middle)}`;
  const probe = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { authorization: `Bearer ${preparer.token}` },
  });
  const version = probe.headers.get('etag');
  if (!probe.ok) throw new Error(`GET ${path}: ${probe.status} ${await probe.text()}`);
  const result = await load({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${preparer.token}` },
  });
  return {
    id: 'f',
    name: `p99 GET /declarations/:id?asOf= (${length}-event history)`,
    value: result.p99,
    unit: 'ms',
    baseline: null,
    ratio: null,
    target: 'p99 ≤ 10 ms',
    pass: result.p99 <= 10 && result.non2xx === 0 && result.errors === 0,
    note: `${Math.round(result.rate)} req/s, p50 ${result.p50} ms, ${CONNECTIONS} connections, as of version ${version}`,
    details: { ...result, length, asOfVersion: version },
  };
}
