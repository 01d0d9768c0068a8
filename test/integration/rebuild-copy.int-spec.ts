import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  decide,
  declarationStreamId,
  DeclarationsProjection,
  DEFAULT_RULE_SET,
  evolve,
  type Declaration,
  type DeclarationCommand,
  type DeclarationEvent,
} from '@app/declarations';
import { PostgresEventStore } from '@app/event-store';
import type { Actor } from '@app/identity/roles';
import { rebuild } from '@app/projections';
import { usePostgres } from '../support/postgres.js';
import { catchUpFully, snapshotTables } from '../support/read-models.js';
import { testKeys } from '../support/keys.js';
import { content, staff } from '../support/workload.js';

const pg = usePostgres(20);
const projection = new DeclarationsProjection();

/** Everything COPY's text format must escape or pass through untouched, in one string. */
const HOSTILE = 'tab\there, new\nline, CR\r\nLF, back\\slash \\N \\. "双引号" \'单引号\' {a,b} NULL 😀 中文';

interface Walked {
  state: Declaration | null;
  version: number;
}

/** Drives one declaration through `commands`, each by its actor, appending what the domain decides. */
async function walk(
  store: PostgresEventStore,
  id: string,
  commands: [DeclarationCommand, Actor][],
  from: Walked = { state: null, version: 0 },
): Promise<Walked> {
  let { state, version } = from;
  for (const [command, actor] of commands) {
    const events = decide(command, state, { actor, now: new Date(), newId: randomUUID }, DEFAULT_RULE_SET);
    await store.append(declarationStreamId(id), version === 0 ? 'no_stream' : version, events, {
      actorId: actor.userId,
      role: actor.role,
    });
    state = events.reduce<Declaration | null>((s, e: DeclarationEvent) => evolve(s, e), state);
    version += events.length;
  }
  return { state, version };
}

/** A rebuild, run here: the streams it parked and how it ended. */
async function rebuilt(): Promise<{ parked: string[]; status: unknown }> {
  const rebuildId = randomUUID();
  await pg.dataSource.query(
    `INSERT INTO read_model_rebuilds (id, name, status) VALUES ($1, 'declarations', 'queued')`,
    [rebuildId],
  );
  const parked: string[] = [];
  await rebuild(pg.dataSource, projection, rebuildId, (_, at) => parked.push(at.streamId));
  const [status] = await pg.dataSource.query<unknown[]>(
    `SELECT status, parked FROM read_model_rebuilds WHERE id = $1`,
    [rebuildId],
  );
  return { parked, status };
}

describe('a rebuild written with COPY', () => {
  const store = () => new PostgresEventStore(pg.dataSource, testKeys());
  const people = staff(`unit-${HOSTILE}`, 'dept-1');
  const draft = (declarationId: string): Extract<DeclarationCommand, { type: 'DraftDeclaration' }> => ({
    type: 'DraftDeclaration',
    declarationId,
    unitId: people.preparer.unitId,
    departmentId: 'dept-1',
    content: content(9),
    origin: { kind: 'typed' },
  });

  it('writes the rows the live projection writes: tabs, newlines, backslashes, quotes, emoji and 中文 alike', async () => {
    const store = new PostgresEventStore(pg.dataSource, testKeys());
    // Person ids land in text[] columns (authors, submitters) and in the actions' user ids.
    people.preparer.userId = `prep ${HOSTILE}`;
    people.reviewer.userId = `rev ${HOSTILE}`;
    const hostile = content(1);
    hostile.projectName = `项目 ${HOSTILE}`;
    hostile.annualGoal = HOSTILE;
    hostile.indicators = hostile.indicators.map((indicator, i) => ({ ...indicator, name: `${HOSTILE} ${i}` }));
    const id = randomUUID();
    await walk(store, id, [
      [{ ...draft(id), content: hostile }, people.preparer],
      [{ type: 'SubmitDeclaration', comment: HOSTILE }, people.preparer],
      [{ type: 'ReturnDeclaration', reason: HOSTILE, opinions: [] }, people.reviewer],
    ]);
    // Returned with an opinion on a row (the list's jsonb column), then submitted again.
    const second = randomUUID();
    const submitted = await walk(store, second, [
      [{ ...draft(second), content: hostile }, people.preparer],
      [{ type: 'SubmitDeclaration', comment: null }, people.preparer],
    ]);
    const row = submitted.state!.content.indicators[0]!.id;
    const opinions = [{ indicatorId: row, opinion: HOSTILE }];
    await walk(
      store,
      second,
      [[{ type: 'ReturnDeclaration', reason: '见意见', opinions }, people.reviewer]],
      submitted,
    );
    // Plain ones around them, in the same COPY chunk.
    for (let n = 0; n < 5; n++) {
      const plain = randomUUID();
      const unit = staff(`unit-${n}`, 'dept-1');
      await walk(store, plain, [[{ ...draft(plain), unitId: `unit-${n}`, content: content(n) }, unit.preparer]]);
    }
    const parkedLive: string[] = [];
    await catchUpFully(pg.dataSource, projection, (_, at) => parkedLive.push(at.streamId));
    const live = await snapshotTables(pg.dataSource, projection);
    expect(parkedLive).toEqual([]);
    expect(live.declaration_list).toHaveLength(7);
    expect(live.declaration_list).toContainEqual(
      expect.objectContaining({
        declaration_id: id,
        project_name: `项目 ${HOSTILE}`,
        return_reason: HOSTILE,
        authors: [`prep ${HOSTILE}`],
        submitters: [`prep ${HOSTILE}`],
      }),
    );
    expect(live.declaration_list).toContainEqual(
      expect.objectContaining({
        declaration_id: second,
        return_opinions: [expect.objectContaining({ opinion: HOSTILE })],
      }),
    );

    expect(await rebuilt()).toEqual({ parked: [], status: { status: 'completed', parked: 0 } });
    expect(await snapshotTables(pg.dataSource, projection)).toEqual(live);
  });

  it('writes a chunk PostgreSQL refuses declaration by declaration, parking only the one refused', async () => {
    // Written around the service: a declaration id that is no uuid, which the list's key refuses.
    const refused = 'not-a-uuid';
    await walk(store(), refused, [[draft(refused), people.preparer]]);
    const parkedLive: string[] = [];
    await catchUpFully(pg.dataSource, projection, (_, at) => parkedLive.push(at.streamId));
    expect(parkedLive).toEqual([declarationStreamId(refused)]);
    const live = await snapshotTables(pg.dataSource, projection);
    expect(live.declaration_list).toHaveLength(7);

    // The whole log is one chunk here: the seven others are written one by one, and equal.
    expect(await rebuilt()).toEqual({ parked: parkedLive, status: { status: 'completed', parked: 1 } });
    expect(await snapshotTables(pg.dataSource, projection)).toEqual(live);
  });
});
