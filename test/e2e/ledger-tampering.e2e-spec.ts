import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { asSuperuser, checkpointAll, ledgerFixture, type LedgerFixture } from '../support/ledger.js';

/**
 * Each tampering of issue 11, done after a checkpoint was signed and published, in a database of
 * its own: GET /audit/verify reports it, with what and where. The service's checkpoint file in
 * CHECKPOINT_DIR is checked beside the database's copy.
 */
function tamperingCase(
  name: string,
  tamper: (api: ReturnType<typeof useApi>, fixture: LedgerFixture) => Promise<void>,
  check: (body: Verified, fixture: LedgerFixture) => void,
) {
  describe(name, () => {
    const api = useApi();
    let fixture: LedgerFixture;
    beforeAll(async () => {
      fixture = await ledgerFixture(api.app);
    });

    it('is reported by /audit/verify', async () => {
      const before = await verify(api, fixture);
      expect(before).toMatchObject({ ok: true, hashFunction: 'intact', broken: [], tree: { ok: true, leaves: [] } });
      expect(before.tree.checkpoints.map((c) => c.status)).toEqual(['ok', 'ok']);
      await tamper(api, fixture);
      const after = await verify(api, fixture);
      expect(after.ok).toBe(false);
      check(after, fixture);
    });
  });
}

interface Verified {
  ok: boolean;
  hashFunction: string;
  broken: { streamId: string; streamVersion: number; reason: string }[];
  tree: {
    ok: boolean;
    checkpoints: { source: string; status: string }[];
    leaves: { reason: string; streamId: string; streamVersion: number }[];
  };
}

async function verify(api: ReturnType<typeof useApi>, fixture: LedgerFixture): Promise<Verified> {
  const response = await request(api.app.getHttpServer())
    .get('/audit/verify')
    .set(bearer(fixture.tokens.auditor!))
    .expect(200);
  return response.body as Verified;
}

const statuses = (body: Verified) =>
  body.tree.checkpoints.map((c) => [c.source === 'database' ? 'database' : 'file', c.status]);

describe('tampering with the signed log', () => {
  tamperingCase(
    'an event edited and its stream re-chained with es_event_hash',
    async (api, { streams }) => {
      await asSuperuser(api.app, async (q) => {
        await q(
          `UPDATE events SET data = jsonb_set(data, '{content,projectName}', '"伪造的项目"') WHERE stream_id = $1 AND stream_version = 1`,
          [streams.edited],
        );
        for (let v = 1; v <= 3; v++) {
          await q(
            `UPDATE events SET previous_hash = p.hash,
                    hash = es_event_hash(p.hash, e.stream_id, e.stream_version, e.type, e.data, e.metadata, e.recorded_at)
               FROM (SELECT (SELECT hash FROM events WHERE stream_id = $1 AND stream_version = $2 - 1) AS hash) p, events e
              WHERE events.global_position = e.global_position AND e.stream_id = $1 AND e.stream_version = $2`,
            [streams.edited, v],
          );
        }
      });
    },
    (body, { streams }) => {
      // The chain itself is intact again: only the proof and the checkpoints tell.
      expect(body.broken).toEqual([
        expect.objectContaining({ streamId: streams.edited, streamVersion: 1, reason: 'bad_signature' }),
      ]);
      expect(statuses(body)).toEqual([
        ['database', 'root_mismatch'],
        ['file', 'root_mismatch'],
      ]);
      expect(body.tree.leaves.map((l) => [l.reason, l.streamId, l.streamVersion])).toEqual(
        [1, 2, 3].map((v) => ['event_changed', streams.edited, v]),
      );
    },
  );

  tamperingCase(
    'an event edited, its hash left, and es_event_hash replaced by a lookup of the stored hash',
    async (api, { streams }) => {
      // A superuser can replace the function verify recomputes hashes with: the chain then looks
      // intact and the tree's leaves are unchanged; only the proofs, checked in this process, tell.
      await asSuperuser(api.app, async (q) => {
        await q(`CREATE OR REPLACE FUNCTION es_event_hash(
                   p_previous_hash text, p_stream_id text, p_stream_version integer, p_type text,
                   p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz
                 ) RETURNS text LANGUAGE sql STABLE AS $$
                   SELECT hash FROM events WHERE stream_id = p_stream_id AND stream_version = p_stream_version
                 $$`);
        await q(
          `UPDATE events SET data = jsonb_set(data, '{content,projectName}', '"伪造的项目"') WHERE stream_id = $1 AND stream_version = 1`,
          [streams.edited],
        );
      });
    },
    (body, { streams }) => {
      expect(body.hashFunction).toBe('changed');
      expect(body.broken).toEqual([
        expect.objectContaining({ streamId: streams.edited, streamVersion: 1, reason: 'bad_signature' }),
      ]);
      expect(body.tree.ok).toBe(true);
    },
  );

  tamperingCase(
    'a confirmation forged through es_append with the service role’s INSERT right',
    async (api, { streams }) => {
      await asSuperuser(api.app, async (q) => {
        await q(`SELECT es_append($1, 2, $2::jsonb, $3::jsonb, NULL, NULL, NULL)`, [
          streams.forged,
          JSON.stringify([{ type: 'DeclarationConfirmed', data: { revision: 1, comment: '伪造' } }]),
          JSON.stringify({ actorId: 'intruder', role: 'finance_officer' }),
        ]);
        // With a made-up proof, under a key id the service does not hold and under its own.
        const keyId = (
          (await q(`SELECT key_id FROM events WHERE key_id IS NOT NULL LIMIT 1`)) as { key_id: string }[]
        )[0]!.key_id;
        for (const [version, key] of [
          [3, 'feedfacefeedface'],
          [4, keyId],
        ] as const) {
          await q(`SELECT es_append($1, $2, $3::jsonb, $4::jsonb, NULL, NULL, NULL, $5)`, [
            streams.forged,
            version,
            JSON.stringify([{ type: 'DeclarationConfirmed', data: { revision: 1 }, proof: 'ab'.repeat(32) }]),
            JSON.stringify({ actorId: 'intruder', role: 'finance_officer' }),
            key,
          ]);
        }
      });
    },
    (body, { streams }) => {
      expect(body.broken.map((b) => [b.streamId, b.streamVersion, b.reason])).toEqual([
        [streams.forged, 3, 'unsigned'],
        [streams.forged, 4, 'unknown_key'],
        [streams.forged, 5, 'bad_signature'],
      ]);
      // Appended after the checkpoint: the tree still extends it.
      expect(body.tree.ok).toBe(true);
    },
  );

  tamperingCase(
    'the last two events of a stream deleted, and the database’s own checkpoints and leaves with them',
    async (api, { streams }) => {
      await asSuperuser(api.app, async (q) => {
        await q(`DELETE FROM events WHERE stream_id = $1 AND stream_version > 2`, [streams.truncated]);
        await q(`DELETE FROM signed_checkpoints`);
        await q(`DELETE FROM log_leaves`);
      });
    },
    (body) => {
      // The chain cannot see a cut tail; the published file can.
      expect(body.broken).toEqual([]);
      expect(statuses(body)).toEqual([['file', 'log_shorter']]);
    },
  );

  tamperingCase(
    'the last two events of a stream deleted',
    async (api, { streams }) => {
      await asSuperuser(api.app, async (q) => {
        await q(`DELETE FROM events WHERE stream_id = $1 AND stream_version > 2`, [streams.truncated]);
      });
    },
    (body, { streams }) => {
      expect(body.broken).toEqual([]);
      expect(statuses(body)).toEqual([
        ['database', 'log_shorter'],
        ['file', 'log_shorter'],
      ]);
      expect(body.tree.leaves.map((l) => [l.reason, l.streamId, l.streamVersion])).toEqual([
        ['event_missing', streams.truncated, 3],
        ['event_missing', streams.truncated, 4],
      ]);
    },
  );

  tamperingCase(
    'a stream’s last event deleted and its hash joined to the one before with a comma',
    async (api, { streams }) => {
      // Verify reads the hashes of many events as one comma-separated text: a hash holding a comma
      // must not pass for two leaves (it would hide the deleted event from the tree).
      await asSuperuser(api.app, async (q) => {
        await q(
          `UPDATE events SET hash = hash || ',' || (SELECT hash FROM events WHERE stream_id = $1 AND stream_version = 4)
            WHERE stream_id = $1 AND stream_version = 3`,
          [streams.truncated],
        );
        await q(`DELETE FROM events WHERE stream_id = $1 AND stream_version = 4`, [streams.truncated]);
      });
    },
    (body, { streams }) => {
      expect(body.broken.map((b) => [b.streamId, b.streamVersion, b.reason])).toEqual([
        [streams.truncated, 3, 'hash_mismatch'],
      ]);
      expect(statuses(body)).toEqual([
        ['database', 'log_shorter'],
        ['file', 'log_shorter'],
      ]);
      expect(body.tree.leaves.map((l) => [l.reason, l.streamId, l.streamVersion])).toEqual([
        ['event_changed', streams.truncated, 3],
        ['event_missing', streams.truncated, 4],
      ]);
    },
  );

  tamperingCase(
    'a whole stream deleted',
    async (api, { streams }) => {
      await asSuperuser(api.app, async (q) => {
        await q(`DELETE FROM events WHERE stream_id = $1`, [streams.deleted]);
      });
    },
    (body, { streams }) => {
      expect(body.broken).toEqual([]);
      expect(statuses(body)).toEqual([
        ['database', 'log_shorter'],
        ['file', 'log_shorter'],
      ]);
      expect(body.tree.leaves.map((l) => [l.reason, l.streamId, l.streamVersion])).toEqual([
        ['event_missing', streams.deleted, 1],
        ['event_missing', streams.deleted, 2],
      ]);
    },
  );

  tamperingCase(
    'global positions and transaction ids of events in two streams swapped',
    async (api, { streams }) => {
      await asSuperuser(api.app, async (q) => {
        await q(`ALTER TABLE events ALTER COLUMN global_position SET GENERATED BY DEFAULT`);
        const rows = (await q(
          `SELECT stream_id, global_position::text AS p, transaction_id::text AS t FROM events WHERE stream_id = ANY($1) AND stream_version = 1`,
          [[streams.swappedA, streams.swappedB]],
        )) as { stream_id: string; p: string; t: string }[];
        const [a, b] = [
          rows.find((r) => r.stream_id === streams.swappedA)!,
          rows.find((r) => r.stream_id === streams.swappedB)!,
        ];
        await q(`UPDATE events SET global_position = -1 WHERE global_position = $1`, [a.p]);
        await q(`UPDATE events SET global_position = $1, transaction_id = $2::xid8 WHERE global_position = $3`, [
          a.p,
          a.t,
          b.p,
        ]);
        await q(`UPDATE events SET global_position = $1, transaction_id = $2::xid8 WHERE global_position = -1`, [
          b.p,
          b.t,
        ]);
        await q(`ALTER TABLE events ALTER COLUMN global_position SET GENERATED ALWAYS`);
      });
    },
    (body, { streams }) => {
      expect(body.broken).toEqual([]);
      expect(statuses(body)).toEqual([
        ['database', 'root_mismatch'],
        ['file', 'root_mismatch'],
      ]);
      expect(body.tree.leaves.map((l) => [l.reason, l.streamId, l.streamVersion])).toEqual([
        ['event_moved', streams.swappedA, 1],
        ['event_moved', streams.swappedB, 1],
      ]);
    },
  );
});

describe('an event without valid proof, once a checkpoint has taken it in', () => {
  const api = useApi();

  it('raises the alarm at /metrics (log_unproven_events), which reads 0 before', async () => {
    const fixture = await ledgerFixture(api.app);
    const unproven = async () => {
      const metrics = await request(api.app.getHttpServer()).get('/metrics').expect(200);
      return /^log_unproven_events (\d+)$/m.exec(metrics.text)?.[1];
    };
    expect(await unproven()).toBe('0');
    await asSuperuser(api.app, async (q) => {
      await q(`SELECT es_append($1, 2, $2::jsonb, $3::jsonb, NULL, NULL, NULL)`, [
        fixture.streams.forged,
        JSON.stringify([{ type: 'DeclarationConfirmed', data: { revision: 1, comment: '伪造' } }]),
        JSON.stringify({ actorId: 'intruder', role: 'finance_officer' }),
      ]);
    });
    await checkpointAll(api.app, fixture.tokens.auditor!);
    expect(await unproven()).toBe('1');
  });
});
