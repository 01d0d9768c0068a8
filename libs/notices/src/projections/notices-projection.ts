import { Injectable } from '@nestjs/common';
import { readByStream, type LogCheckpoint, type StoredEvent } from '@app/event-store';
import { isPoison, sqlOf, type ParkedAt, type Projection, type TableMap } from '@app/projections';
import type { QueryRunner } from 'typeorm';
import { NOTICE_STREAM_PREFIX, type NoticeEvent } from '../domain/notice.js';

const NOTICES = 'notices';
const DELIVERIES = 'notice_deliveries';

/**
 * Each person's notices and every delivery's state, from the notice streams. It only writes
 * tables: rebuilding it replays the log into fresh ones and sends nothing.
 */
@Injectable()
export class NoticesProjection implements Projection {
  readonly name = 'notices';
  readonly tables = [NOTICES, DELIVERIES] as const;

  async apply(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap): Promise<void> {
    for (const event of events) {
      if (event.streamId.startsWith(NOTICE_STREAM_PREFIX)) await applyOne(db, event as NoticeEvent, tables);
    }
  }

  async replay(
    db: QueryRunner,
    upTo: LogCheckpoint,
    tables: TableMap,
    progress: (events: number) => Promise<void>,
    park: (at: ParkedAt, error: unknown) => Promise<void>,
  ): Promise<void> {
    // The whole log, stream by stream (as the declarations projection reads it): notice streams
    // are not contiguous under every collation, so nothing is skipped by prefix.
    let after: { streamId: string; streamVersion: number } | null = null;
    const parked = new Set<string>();
    for (;;) {
      const page = await readByStream(sqlOf(db), upTo, after, 2_000);
      if (page.length === 0) break;
      for (const event of page) {
        if (!event.streamId.startsWith(NOTICE_STREAM_PREFIX) || parked.has(event.streamId)) continue;
        try {
          await applyOne(db, event as NoticeEvent, tables);
        } catch (error) {
          if (!isPoison(error)) throw error;
          parked.add(event.streamId);
          await park(event, error);
        }
      }
      await progress(page.length);
      after = page.at(-1)!;
    }
  }

  async restore(db: QueryRunner, events: readonly StoredEvent[], tables: TableMap): Promise<void> {
    const noticeId = (events[0]?.data as { noticeId?: string } | undefined)?.noticeId;
    if (noticeId === undefined) return;
    await db.query(`DELETE FROM ${tables[DELIVERIES]} WHERE notice_id = $1`, [noticeId]);
    await db.query(`DELETE FROM ${tables[NOTICES]} WHERE notice_id = $1`, [noticeId]);
    await this.apply(db, events, tables);
  }
}

async function applyOne(db: QueryRunner, event: NoticeEvent, tables: TableMap): Promise<void> {
  const { data } = event;
  switch (event.type) {
    case 'NoticeSent': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${tables[NOTICES]} (notice_id, recipient_id, kind, title, body, declaration_id, stage, due_at,
           items, channels, sent_at, link)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (notice_id) DO NOTHING`,
        [
          d.noticeId,
          d.recipientId,
          d.kind,
          d.title,
          d.body,
          d.declarationId,
          d.stage,
          d.dueAt,
          JSON.stringify(d.items),
          JSON.stringify(d.channels),
          d.at,
          d.link ?? null,
        ],
      );
      for (const channel of d.channels) {
        await db.query(
          `INSERT INTO ${tables[DELIVERIES]} (notice_id, channel, recipient_id, status, updated_at)
           VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT DO NOTHING`,
          [d.noticeId, channel, d.recipientId, d.at],
        );
      }
      return;
    }
    case 'NoticeRead':
      await db.query(`UPDATE ${tables[NOTICES]} SET read_at = coalesce(read_at, $2) WHERE notice_id = $1`, [
        data.noticeId,
        data.at,
      ]);
      return;
    case 'NoticeDeliveryRetried':
      await db.query(
        `UPDATE ${tables[DELIVERIES]} SET status = 'pending', attempts = 0, error = NULL, error_reason = NULL, error_detail = NULL, updated_at = $3
          WHERE notice_id = $1 AND channel = $2`,
        [event.data.noticeId, event.data.channel, event.data.at],
      );
      return;
    case 'NoticeDelivered':
    case 'NoticeDeliveryFailed':
      await db.query(
        `UPDATE ${tables[DELIVERIES]} SET status = $3, attempts = $4, error = $5, error_reason = $7, error_detail = $8, updated_at = $6
          WHERE notice_id = $1 AND channel = $2 AND status = 'pending'`,
        [
          event.data.noticeId,
          event.data.channel,
          event.type === 'NoticeDelivered' ? 'delivered' : 'failed',
          event.data.attempts,
          event.type === 'NoticeDeliveryFailed' ? event.data.error : null,
          event.data.at,
          event.type === 'NoticeDeliveryFailed' && event.data.reason ? JSON.stringify(event.data.reason) : null,
          event.type === 'NoticeDeliveryFailed' ? (event.data.detail ?? null) : null,
        ],
      );
  }
}
