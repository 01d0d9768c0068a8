import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { Recipients } from '@app/deadlines';
import { LogTree, readCheckpointBody, type StoredCheckpoint } from '@app/event-store';
import { addOnce, QUEUE } from '@app/jobs';
import { DeliveryError, MailSender, NoticeLog, postWebhook } from '@app/notices';
import { Clock, say } from '@app/platform';
import { ALERT_LISTS_AT_MOST, checkpointAnnouncement, unprovenAlert, type UnprovenLeaf } from './announcements.js';

export type PublicationChannel = 'webhook' | 'email';

/** What a webhook receives with a checkpoint: the file as CHECKPOINT_DIR holds it, and its words. */
export interface CheckpointWebhookPayload {
  id: string;
  kind: 'checkpoint';
  title: string;
  body: string;
  treeSize: number;
  rootHash: string;
  keyId: string;
  issuedAt: string;
  fileName: string;
  /** `{"body": …, "signature": …}`: what `audit verify-export --checkpoints` reads. */
  file: string;
}

export const publicationJobId = (treeSize: number, channel: PublicationChannel): string =>
  `publish-checkpoint-${treeSize}-${channel}`;

/**
 * Sends signed checkpoints beyond CHECKPOINT_DIR to the auditors (the notices' webhook, e-mail to
 * every active auditor, as configured) and tells the admins when a checkpoint took in events
 * without valid proof. The worker runs it after each checkpoint run, for the **latest** checkpoint
 * only: each one is consistent with every earlier one (RFC 9162), so an auditor who keeps the latest
 * loses nothing when one in between (made by `POST /audit/checkpoints` or the CLI) is not sent.
 * `checkpoint_publications` records what went where, so a restart or a second worker sends nothing
 * twice (a crash between sending and recording sends again: receivers key on the tree size).
 */
@Injectable()
export class CheckpointPublication {
  constructor(
    private readonly db: DataSource,
    private readonly tree: LogTree,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly recipients: Recipients,
    private readonly notices: NoticeLog,
    private readonly mail: MailSender,
    @InjectQueue(QUEUE.maintenance) private readonly queue: Queue,
  ) {}

  /** The configured channels: a checkpoint goes wherever the notices go. */
  channels(): PublicationChannel[] {
    return [
      ...(this.config.notices.webhook ? (['webhook'] as const) : []),
      ...(this.config.notices.smtp ? (['email'] as const) : []),
    ];
  }

  /** After a checkpoint run: the admins told of new unproven events, a job per channel not yet sent to. */
  async announceLatest(): Promise<StoredCheckpoint | null> {
    const latest = await this.tree.latest();
    if (!latest) return null;
    await this.alertAdmins(latest);
    const sent = await this.recorded(latest.treeSize);
    const { attempts, backoffMs } = this.config.notices.delivery;
    for (const channel of this.channels().filter((c) => !sent.has(c))) {
      await addOnce(
        this.queue,
        'publish-checkpoint',
        { treeSize: latest.treeSize, channel },
        {
          jobId: publicationJobId(latest.treeSize, channel),
          attempts,
          backoff: { type: 'exponential', delay: backoffMs },
        },
      );
    }
    return latest;
  }

  /** The job: one checkpoint over one channel, then recorded. `skipped`: it was sent before. */
  async publish(treeSize: number, channel: PublicationChannel): Promise<'published' | 'skipped'> {
    if ((await this.recorded(treeSize)).has(channel)) return 'skipped';
    const checkpoint = await this.tree.checkpointOfSize(treeSize);
    const words = checkpointAnnouncement(checkpoint, this.config.notices.publicUrl);
    let to: string[];
    if (channel === 'webhook') {
      const webhook = this.config.notices.webhook;
      if (!webhook) throw new DeliveryError(say('delivery.noWebhook'), false);
      const payload: CheckpointWebhookPayload = {
        id: `checkpoint-${treeSize}`,
        kind: 'checkpoint',
        title: words.title,
        body: words.body,
        treeSize,
        rootHash: checkpoint.rootHash,
        keyId: checkpoint.keyId,
        issuedAt: checkpoint.issuedAt,
        fileName: words.fileName,
        file: words.file,
      };
      await postWebhook(webhook, payload, { 'X-PTA-Checkpoint-Size': String(treeSize) });
      to = [webhook.url];
    } else {
      to = (await this.recipients.active('auditor', null)).flatMap((a) => (a.email ? [a.email] : []));
      if (to.length === 0) throw new DeliveryError(say('delivery.noAuditorAddress'), false);
      await this.mail.send(to.join(', '), words.title, words.body, [
        { filename: words.fileName, content: words.file, contentType: 'application/json' },
      ]);
    }
    await this.record(treeSize, channel, to);
    return 'published';
  }

  /**
   * Each admin told once of the events taken in without valid proof since the last checkpoint the
   * admins were told about; a row in checkpoint_publications marks each alert sent.
   */
  private async alertAdmins(latest: StoredCheckpoint): Promise<void> {
    const [told] = await this.db.query<{ size: string | null }[]>(
      `SELECT max(tree_size)::text AS size FROM checkpoint_publications WHERE channel = 'admins'`,
    );
    const since = Number(told?.size ?? 0);
    if (since >= latest.treeSize) return;
    // `unproven` lists every such leaf of the tree so far: the new ones are those past the last alert.
    const fresh = (readCheckpointBody(latest)?.unproven ?? []).filter((i) => i >= since);
    if (fresh.length === 0) return;
    const admins = await this.recipients.active('admin', null);
    const leaves = await this.db.query<UnprovenLeaf[]>(
      `SELECT leaf_index::int AS "leafIndex", stream_id AS "streamId", stream_version AS "streamVersion",
              global_position::text AS "globalPosition"
         FROM log_leaves WHERE leaf_index = ANY($1::bigint[]) ORDER BY leaf_index`,
      [fresh.slice(0, ALERT_LISTS_AT_MOST)],
    );
    const alert = unprovenAlert(latest.treeSize, leaves, fresh.length, this.config.notices.publicUrl);
    for (const admin of admins) {
      await this.notices.send({
        key: `unproven:${latest.treeSize}:${admin.userId}`,
        kind: 'unproven-events',
        recipientId: admin.userId,
        recipientHasEmail: admin.email !== null,
        title: alert.title,
        body: alert.body,
        declarationId: null,
        stage: null,
        dueAt: null,
        items: [],
        link: alert.link,
      });
    }
    await this.record(
      latest.treeSize,
      'admins',
      admins.map((a) => a.userId),
    );
  }

  private async recorded(treeSize: number): Promise<Set<string>> {
    const rows = await this.db.query<{ channel: string }[]>(
      `SELECT channel FROM checkpoint_publications WHERE tree_size = $1`,
      [treeSize],
    );
    return new Set(rows.map((r) => r.channel));
  }

  private async record(treeSize: number, channel: PublicationChannel | 'admins', to: string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO checkpoint_publications (tree_size, channel, published_at, recipients) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [treeSize, channel, this.clock.now(), to],
    );
  }
}
