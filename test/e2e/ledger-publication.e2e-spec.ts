import { beforeAll, describe, expect, it } from '@jest/globals';
import { verify as verifySignature, createPublicKey } from 'node:crypto';
import request from 'supertest';
import { readCheckpointBody, parseCheckpointFile } from '@app/event-store';
import { QUEUE } from '@app/jobs';
import type { NotificationItem } from '@app/notices';
import { bearer } from '../support/auth.js';
import { soundBody } from '../support/declarations.js';
import { eventually, pause } from '../support/deadlines.js';
import { asSuperuser } from '../support/ledger.js';
import { useDeadlines } from '../support/notices.js';

interface CheckpointHook {
  id: string;
  kind: 'checkpoint';
  treeSize: number;
  rootHash: string;
  fileName: string;
  file: string;
  title: string;
}

/**
 * Signed checkpoints go beyond CHECKPOINT_DIR: to the notices' webhook and by e-mail to every active
 * auditor, once each; admins are told in the app (and by the channels) when a checkpoint took in
 * events without valid proof. The worker does both after its checkpoint job.
 */
describe('checkpoints sent to the auditors, and the admins alerted', () => {
  const t = useDeadlines({ PUBLIC_URL: 'https://pta.example.org' });
  const http = () => request(t.api.app.getHttpServer());
  const as = (who: string) => bearer(t.state.tokens[who]!);
  const hooks = () =>
    t.state.sink.requests.filter((r) => r.body.kind === 'checkpoint').map((r) => r.body as unknown as CheckpointHook);
  /** Runs the worker's checkpoint job to its end. */
  const runCheckpointJob = async () => {
    const job = await t.queue(QUEUE.maintenance).add('make-checkpoint', {});
    await eventually(async () => (await job.getState()) === 'completed');
  };
  /**
   * Runs it until a checkpoint covers every event: the tree takes only events below the oldest
   * transaction open anywhere on the server, which another test's database may hold back a moment.
   */
  const checkpointEverything = () =>
    eventually(async () => {
      await runCheckpointJob();
      const [{ covered }] = await t
        .db()
        .query<[{ covered: boolean }]>(
          `SELECT coalesce((SELECT max(tree_size) FROM signed_checkpoints), 0) >= (SELECT count(*) FROM events) AS covered`,
        );
      return covered;
    }, 20_000);
  const publications = () =>
    t
      .db()
      .query<{ tree_size: string; channel: string; recipients: string[] }[]>(
        `SELECT tree_size::text, channel, recipients FROM checkpoint_publications ORDER BY tree_size, channel`,
      );

  beforeAll(async () => {
    for (const [who, email] of [
      ['auditor', 'shen.jie@example.org'],
      ['admin', 'zhou.min@example.org'],
    ] as const) {
      await http().patch(`/users/${t.state.ids[who]}`).set(as('admin')).send({ email }).expect(200);
    }
    await t.state.people.preparer!.create(soundBody({ projectName: '检查点项目' })).expect(201);
    await t.startWorker();
  });

  it('sends the latest checkpoint by webhook and e-mail, as the file an offline verify reads, once', async () => {
    const made = await http().post('/audit/checkpoints').set(as('auditor')).expect(200);
    expect(made.body.checkpoint).not.toBeNull();
    await runCheckpointJob();
    const hook = await eventually(() => hooks()[0]);
    const latest = (await http().get('/audit/checkpoints').set(as('auditor')).expect(200)).body.checkpoints.at(-1);
    expect(hook).toMatchObject({
      id: `checkpoint-${latest.treeSize}`,
      treeSize: latest.treeSize,
      rootHash: latest.rootHash,
    });
    expect(hook.title).toBe(`【审计检查点】事件日志前 ${latest.treeSize} 条事件的签名树头`);
    // The file is the signed checkpoint itself: checked against the published key, nothing else trusted.
    const signed = parseCheckpointFile(hook.file)!;
    const body = readCheckpointBody(signed)!;
    const keys = (await http().get('/audit/keys').set(as('auditor')).expect(200)).body.keys as {
      keyId: string;
      publicKey: string;
    }[];
    const key = keys.find((k) => k.keyId === body.keyId)!;
    expect(
      verifySignature(
        null,
        Buffer.from(signed.body),
        createPublicKey(key.publicKey),
        Buffer.from(signed.signature, 'hex'),
      ),
    ).toBe(true);
    expect(body).toMatchObject({ treeSize: latest.treeSize, rootHash: latest.rootHash });

    const mail = await eventually(() => t.state.smtp.mails.find((m) => m.subject.startsWith('【审计检查点】')));
    expect(mail.to).toEqual(['shen.jie@example.org']);
    expect(mail.text).toContain(`根哈希 ${latest.rootHash}`);
    expect(mail.attachments).toEqual([{ filename: hook.fileName, content: hook.file }]);
    // No alert row: this checkpoint took in nothing unproven.
    expect(await eventually(async () => ((await publications()).length === 2 ? publications() : null))).toEqual([
      { tree_size: String(latest.treeSize), channel: 'email', recipients: ['shen.jie@example.org'] },
      { tree_size: String(latest.treeSize), channel: 'webhook', recipients: [t.state.sink.url] },
    ]);

    // The log did not grow: the next run signs nothing and sends nothing again.
    await runCheckpointJob();
    await pause(1000);
    expect(hooks()).toHaveLength(1);
    expect(t.state.smtp.mails.filter((m) => m.subject.startsWith('【审计检查点】'))).toHaveLength(1);
  });

  it('tells every admin, once, of an event written around the service, and sends that checkpoint too', async () => {
    const [{ id }] = await t
      .db()
      .query<[{ id: string }]>(
        `SELECT substring(stream_id from 13) AS id FROM events WHERE type = 'DeclarationDrafted' LIMIT 1`,
      );
    await asSuperuser(t.api.app, async (q) => {
      await q(`SELECT es_append($1, 1, $2::jsonb, $3::jsonb, NULL, NULL, NULL)`, [
        `declaration-${id}`,
        JSON.stringify([{ type: 'DeclarationConfirmed', data: { revision: 1, comment: '伪造' } }]),
        JSON.stringify({ actorId: 'intruder', role: 'finance_officer' }),
      ]);
    });
    await checkpointEverything();
    const alert = await eventually(async () => {
      const list = (await http().get('/notifications').set(as('admin')).expect(200)).body as {
        items: NotificationItem[];
      };
      return list.items.find((n) => n.kind === 'unproven-events');
    });
    expect(alert.title).toBe('【审计告警】事件日志中有 1 条事件没有有效证明');
    expect(alert.body).toContain(`- declaration-${id} 第 2 版`);
    expect(alert.link).toBe('https://pta.example.org/console/audit');
    // The checkpoint that took it in is sent too, and says it does not vouch for it.
    const unproven = (hook: CheckpointHook) => readCheckpointBody(parseCheckpointFile(hook.file)!)!.unproven;
    await eventually(() => hooks().find((h) => unproven(h).length === 1));

    // Told once: a later checkpoint, still listing the event as unproven, tells nobody again.
    await eventually(() => t.state.sink.requests.some((r) => r.body.kind === 'unproven-events'));
    const sent = hooks().length;
    await t.state.people.preparer!.create(soundBody({ projectName: '之后的项目' })).expect(201);
    await checkpointEverything();
    await eventually(() => hooks().length > sent);
    expect(unproven(hooks().at(-1)!)).toHaveLength(1);
    const alerts = await t
      .db()
      .query<{ recipient: string }[]>(
        `SELECT data->>'recipientId' AS recipient FROM events WHERE type = 'NoticeSent' AND data->>'kind' = 'unproven-events'`,
      );
    const admins = await t.db().query<{ id: string }[]>(`SELECT id::text FROM users WHERE role = 'admin' AND active`);
    expect(alerts.map((a) => a.recipient).sort()).toEqual(admins.map((a) => a.id).sort());
  });
});
