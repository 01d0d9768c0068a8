import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { readCheckpointDirectory, verifyExport, verifyReceipt } from '@app/audit';
import { eventHash, type PublishedCheckpoint } from '@app/event-store';
import { useApi } from '../support/app.js';
import { download } from '../support/audit.js';
import { bearer } from '../support/auth.js';
import { ledgerFixture, type LedgerFixture } from '../support/ledger.js';

/** The audit office's checks, with nothing but files: the export, the published checkpoints, the public key. */
describe('checking the trail and a receipt offline', () => {
  const api = useApi();
  let fixture: LedgerFixture;
  let trail: string;
  let checkpoints: PublishedCheckpoint[];
  let publicKey: string;
  const server = () => api.app.getHttpServer();

  beforeAll(async () => {
    fixture = await ledgerFixture(api.app);
    trail = (await download(server(), fixture.tokens.auditor!, '/audit/export')).text;
    checkpoints = readCheckpointDirectory(api.config.checkpoints.directory);
    const keys = await request(server()).get('/audit/keys').set(bearer(fixture.tokens.preparer!)).expect(200);
    publicKey = keys.body.keys[0].publicKey as string;
  });

  const lines = () => trail.split('\n').filter(Boolean);
  const withLines = (edit: (lines: string[]) => string[]) => `${edit(lines()).join('\n')}\n`;
  const reasons = (text: string, cps = checkpoints, keys = [publicKey]) =>
    verifyExport(text, cps, keys).findings.map((f) => f.reason);

  it('accepts the untouched export: every event covered by the published checkpoint', () => {
    expect(checkpoints).toHaveLength(1);
    const report = verifyExport(trail, checkpoints, [publicKey]);
    expect(report).toMatchObject({ ok: true, findings: [], checkpointsChecked: 1, uncoveredEvents: 0 });
    expect(report.events).toBe(lines().length);
  });

  it('rejects an edited event, also when its hash was recomputed', () => {
    const target = (l: string) => l.includes('换位A');
    expect(reasons(withLines((ls) => ls.map((l) => (target(l) ? l.replace('换位A', '换位C') : l))))).toEqual([
      'hash_mismatch',
    ]);
    const rehashed = withLines((ls) =>
      ls.map((l) => {
        if (!target(l)) return l;
        const row = JSON.parse(l) as Record<string, unknown>;
        const data = /"data":(\{.*\}),"metadata":/.exec(l)![1]!.replace('换位A', '换位C');
        const metadata = /"metadata":(\{.*\}),"hash":/.exec(l)![1]!;
        const hash = eventHash({
          previousHash: null,
          streamId: row.streamId as string,
          version: 1,
          type: row.type as string,
          data,
          metadata,
          recordedAt: row.recordedAt as string,
        });
        return l.replace('换位A', '换位C').replace(row.hash as string, hash);
      }),
    );
    expect(reasons(rehashed)).toEqual(['root_mismatch']);
  });

  it('rejects an export with a stream’s tail or a whole stream removed', () => {
    const { truncated, deleted } = fixture.streams;
    const last = (ls: string[]) => ls.filter((l) => l.includes(`"streamId":"${truncated}"`)).at(-1)!;
    expect(reasons(withLines((ls) => ls.filter((l) => l !== last(ls))))).toEqual(['export_shorter']);
    expect(reasons(withLines((ls) => ls.filter((l) => !l.includes(`"streamId":"${deleted}"`))))).toEqual([
      'export_shorter',
    ]);
  });

  it('rejects events swapped in commit order', () => {
    const swapped = withLines((ls) => {
      const [a, b] = [ls.findIndex((l) => l.includes('换位A')), ls.findIndex((l) => l.includes('换位B'))];
      const tx = (l: string) => /"transactionId":"(\d+)"/.exec(l)![1]!;
      const [ta, tb] = [tx(ls[a]!), tx(ls[b]!)];
      return ls.map((l, i) =>
        i === a
          ? l.replace(`"transactionId":"${ta}"`, `"transactionId":"${tb}"`)
          : i === b
            ? l.replace(`"transactionId":"${tb}"`, `"transactionId":"${ta}"`)
            : l,
      );
    });
    expect(reasons(swapped)).toEqual(['root_mismatch']);
  });

  it('rejects a checkpoint not signed by the given key, or changed after signing', () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(reasons(trail, checkpoints, [other])).toEqual(['unknown_key', 'no_checkpoint']);
    const [published] = checkpoints;
    const signed = published!.signed;
    const forgedRoot = {
      ...published!,
      // One hex digit of the root changed (to another digit, whatever it was).
      signed: {
        ...signed,
        body: signed.body.replace(/"rootHash":"(.)/, (_, d: string) => `"rootHash":"${d === '0' ? '1' : '0'}`),
      },
    };
    expect(reasons(trail, [forgedRoot])).toEqual(['bad_signature', 'no_checkpoint']);
    expect(reasons(trail, [])).toEqual(['no_checkpoint']);
  });

  it('gives a receipt for a confirmed declaration that verifies offline, and fails with any byte changed', async () => {
    const response = await request(server())
      .get(`/declarations/${fixture.confirmedId}/receipt`)
      .set(bearer(fixture.tokens.preparer!))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    const receipt = response.body as string;
    expect(verifyReceipt(receipt, [publicKey])).toEqual({
      ok: true,
      problem: null,
      declarationId: fixture.confirmedId,
      treeSize: expect.any(Number),
    });
    const bytes = Buffer.from(receipt, 'utf8');
    const passed: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i] === 0x61 ? 0x62 : 0x61;
      if (verifyReceipt(changed.toString('utf8'), [publicKey]).ok) passed.push(i);
    }
    expect(passed).toEqual([]);
  });

  it('refuses a receipt before confirmation, and outside the reader’s scope', async () => {
    const id = fixture.streams.edited.replace(/^declaration-/, '');
    const early = await request(server())
      .get(`/declarations/${id}/receipt`)
      .set(bearer(fixture.tokens.preparer!))
      .expect(409);
    expect(early.body.code).toBe('DECLARATION_NOT_CONFIRMED');
    await request(server())
      .get(`/declarations/${fixture.confirmedId}/receipt`)
      .set(bearer(fixture.tokens['other-preparer']!))
      .expect(404);
  });
});
