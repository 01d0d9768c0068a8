import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { declarationStreamId } from '@app/declarations';
import { EventStore } from '@app/event-store';
import { useApi } from '../support/app.js';
import { download, parseCsv, rehash, type Row, type TrailLine } from '../support/audit.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';

describe('verifying and exporting the trail', () => {
  const api = useApi();
  let tokens: Record<string, string>;
  const ids: string[] = [];
  const server = () => api.app.getHttpServer();
  const audit = (path: string) => download(server(), tokens.auditor!, path);
  const jsonLines = async (path: string) => {
    const { text } = await audit(path);
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TrailLine);
  };

  /** The people's own streams (`user-<id>`, one UserCreated each): in the log beside the declarations. */
  let users = { streams: 0, events: 0 };
  const declarationsOnly = <T extends { streamId?: string }>(lines: T[]) =>
    lines.filter((l) => !l.streamId?.startsWith('user-'));

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    const [counts] = await api.app
      .get(DataSource)
      .query<{ streams: number; events: number }[]>(
        `SELECT count(DISTINCT stream_id)::int AS streams, count(*)::int AS events FROM events WHERE stream_id LIKE 'user-%'`,
      );
    users = counts!;
    const preparer = client(api.app, tokens.preparer!);
    for (let i = 0; i < 3; i += 1) {
      const created = await preparer.create(soundBody({ projectName: `项目${i}，含"引号"` })).expect(201);
      await preparer.patch(created.body.id, 1, { annualGoal: `目标${i}` }).expect(200);
      await preparer.act(created.body.id, 'submit', 2, '请审核').expect(200);
      ids.push(created.body.id as string);
    }
  });

  it('verifies every chain, or one declaration’s', async () => {
    const all = await request(server()).get('/audit/verify').set(bearer(tokens.auditor!)).expect(200);
    // No checkpoint yet: the whole-log check has nothing to compare the log with.
    expect(all.body).toEqual({
      ok: true,
      hashFunction: 'intact',
      streamsChecked: 3 + users.streams,
      eventsChecked: 9 + users.events,
      broken: [],
      tree: { ok: true, treeSize: 9 + users.events, checkpoints: [], leaves: [] },
    });
    const one = await request(server()).get(`/audit/verify?declarationId=${ids[0]}`).set(bearer(tokens.admin!));
    expect(one.body).toEqual({ ok: true, hashFunction: 'intact', streamsChecked: 1, eventsChecked: 3, broken: [] });
    const unknown = '00000000-0000-4000-8000-000000000000';
    await request(server()).get(`/audit/verify?declarationId=${unknown}`).set(bearer(tokens.auditor!)).expect(404);
    const bad = await request(server()).get('/audit/verify?declarationId=x').set(bearer(tokens.auditor!)).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'declarationId' })]);
  });

  it('exports JSON lines in log order, one event per line', async () => {
    const { status, headers } = await audit('/audit/export');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(headers['content-disposition']).toBe('attachment; filename="audit-trail.jsonl"');
    const everything = await jsonLines('/audit/export?format=jsonl');
    expect(everything).toHaveLength(9 + users.events);
    const lines = declarationsOnly(everything);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toEqual({
      position: expect.stringMatching(/^\d+$/),
      recordedAt: expect.stringMatching(/Z$/),
      streamId: `declaration-${ids[0]}`,
      version: 1,
      type: 'DeclarationDrafted',
      actorId: expect.any(String),
      role: 'preparer',
      unit: 'sj-hrss-bureau',
      correlationId: expect.any(String),
      commandId: null,
      transactionId: expect.stringMatching(/^\d+$/),
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
      proof: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: expect.objectContaining({
        declarationId: ids[0],
        content: expect.objectContaining({ projectName: '项目0，含"引号"' }),
      }),
      metadata: expect.objectContaining({ role: 'preparer', unit: 'sj-hrss-bureau' }),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      previousHash: null,
    });
    const positions = everything.map((l) => BigInt(l.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('exports CSV for Excel (BOM, header) carrying all it takes to recompute every hash', async () => {
    const { headers, text } = await audit('/audit/export?format=csv');
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toBe('attachment; filename="audit-trail.csv"');
    expect(text.startsWith('\uFEFFposition,recordedAt,streamId,version,type,')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    const records = rows.map((cells): Row => Object.fromEntries(header!.map((name, i) => [name, cells[i]!])));
    expect(records).toHaveLength(9 + users.events);
    for (const record of records) expect(rehash(record)).toBe(record.hash);
    expect(JSON.parse(declarationsOnly(records)[0]!.data!).content.projectName).toBe('项目0，含"引号"');
  });

  it('exports only the events recorded in [from, to), so consecutive exports meet exactly', async () => {
    const all = await jsonLines('/audit/export');
    const cut = all[4]!.recordedAt;
    const before = await jsonLines(`/audit/export?to=${cut}`);
    const after = await jsonLines(`/audit/export?from=${cut}`);
    expect([...before, ...after]).toEqual(all);
    expect(after[0]!.recordedAt).toBe(cut);
    const window = await jsonLines(`/audit/export?from=${all[3]!.recordedAt}&to=${cut}`);
    expect(window.map((l) => l.position)).toEqual(
      before.filter((l) => l.recordedAt >= all[3]!.recordedAt).map((l) => l.position),
    );
  });

  it('pages through a log longer than a page, losing and repeating nothing', async () => {
    const store = api.app.get(EventStore);
    for (let batch = 0; batch < 5; batch += 1) {
      const events = Array.from({ length: 500 }, (_, i) => ({ type: 'Ping', data: { n: batch * 500 + i } }));
      await store.append('scratch-stream', 'any', events, { actorId: 'system', role: 'admin' });
    }
    const lines = await jsonLines('/audit/export');
    expect(lines).toHaveLength(9 + users.events + 2500);
    expect(new Set(lines.map((l) => l.position)).size).toBe(lines.length);
    expect(lines.filter((l) => l.streamId === 'scratch-stream').map((l) => l.data.n)).toEqual(
      Array.from({ length: 2500 }, (_, i) => i),
    );
    const { headers, text } = await audit('/audit/export?format=csv');
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(parseCsv(text.slice(1))).toHaveLength(1 + 9 + users.events + 2500);
  });

  it('refuses bad parameters, naming each', async () => {
    const cases: [string, string][] = [
      ['?from=yesterday', 'from'],
      ['?to=2025-13-01T00:00:00Z', 'to'],
      ['?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z', 'to'],
      ['?format=xlsx', 'format'],
      ['?since=2025-03-01T00:00:00Z', 'since'],
    ];
    for (const [query, path] of cases) {
      const refused = await audit(`/audit/export${query}`);
      expect({ query, status: refused.status, body: JSON.parse(refused.text) }).toMatchObject({
        query,
        status: 400,
        body: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path })] },
      });
    }
  });

  // Last: it edits the log behind the triggers' back, as an intruder with the owner's rights would.
  it('finds an edited event, a re-hashed one and a removed one, reporting every broken stream', async () => {
    const db = api.app.get(DataSource);
    const [edited, rehashed] = ids.map(declarationStreamId);
    await db.query(`ALTER TABLE events DISABLE TRIGGER events_append_only`);
    try {
      await db.query(
        `UPDATE events SET data = jsonb_set(data, '{changes,annualGoal,after}', '"改过的目标"')
        WHERE stream_id = $1 AND stream_version = 2`,
        [edited],
      );
      // A careful intruder recomputes the edited event's own hash: the next link still breaks.
      const forged = `jsonb_set(data, '{changes,annualGoal,after}', '"伪造"')`;
      await db.query(
        `UPDATE events SET data = ${forged}, hash = es_event_hash(previous_hash, stream_id,
          stream_version, type, ${forged}, metadata, recorded_at)
        WHERE stream_id = $1 AND stream_version = 2`,
        [rehashed],
      );
      await db.query(`DELETE FROM events WHERE stream_id = 'scratch-stream' AND stream_version = 1000`);
    } finally {
      await db.query(`ALTER TABLE events ENABLE TRIGGER events_append_only`);
    }
    const verified = await request(server()).get('/audit/verify').set(bearer(tokens.auditor!)).expect(200);
    expect(verified.body.ok).toBe(false);
    expect(verified.body.broken).toEqual(
      expect.arrayContaining([
        { streamId: edited, streamVersion: 2, globalPosition: expect.stringMatching(/^\d+$/), reason: 'hash_mismatch' },
        { streamId: rehashed, streamVersion: 3, globalPosition: expect.any(String), reason: 'previous_hash_mismatch' },
        { streamId: 'scratch-stream', streamVersion: 1001, globalPosition: expect.any(String), reason: 'version_gap' },
        // Both edits also break the proof the service made before the insert.
        { streamId: edited, streamVersion: 2, globalPosition: expect.any(String), reason: 'bad_signature' },
        { streamId: rehashed, streamVersion: 2, globalPosition: expect.any(String), reason: 'bad_signature' },
      ]),
    );
    expect(verified.body.broken).toHaveLength(5);
    const one = await request(server()).get(`/audit/verify?declarationId=${ids[0]}`).set(bearer(tokens.auditor!));
    expect(one.body).toMatchObject({
      ok: false,
      broken: [expect.objectContaining({ streamVersion: 2 }), expect.objectContaining({ streamVersion: 2 })],
    });
    const untouched = await request(server()).get(`/audit/verify?declarationId=${ids[2]}`).set(bearer(tokens.auditor!));
    expect(untouched.body.ok).toBe(true);
  });
});
