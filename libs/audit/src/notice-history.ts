import type { HistoryEntry } from '@app/declarations';
import type { UserName } from '@app/identity';
import type { NoticeEvent, StoredNoticeEvent } from '@app/notices';

/** A notice in a declaration's history: what was sent to whom, and what became of it. */
export type NoticeHistory = {
  id: string;
  recipient: { id: string; username: string | null; displayName: string | null } | null;
} & Partial<Omit<Extract<NoticeEvent, { type: 'NoticeSent' }>['data'], 'noticeId' | 'at' | 'recipientId'>> & {
    channel?: string;
    attempts?: number;
    error?: string;
  };

/** A declaration's event, or a notice's event merged in among them. */
export interface AuditedHistoryEntry extends HistoryEntry {
  /** Only on a notice's events: its own stream (`notice-<id>`), the chain to verify it on. */
  streamId?: string;
  /** Only on a notice's events (NoticeSent, NoticeDelivered, NoticeDeliveryFailed, NoticeRead, NoticeDeliveryRetried). */
  notice?: NoticeHistory;
}

/**
 * Merges the notices about a declaration into its history by the time they were recorded. A
 * notice is on its own stream, so it shows the declaration as it stood then and leaves its
 * version alone; `streamId` tells which chain to verify it on.
 */
export function withNotices(
  entries: readonly HistoryEntry[],
  notices: readonly StoredNoticeEvent[],
  names: ReadonlyMap<string, UserName>,
): AuditedHistoryEntry[] {
  const noticeEntries = notices.map((event) => noticeEntry(event, standingAt(entries, event.recordedAt), names));
  return [...entries, ...noticeEntries].sort(
    (a, b) => a.recordedAt.localeCompare(b.recordedAt) || Number(BigInt(a.globalPosition) - BigInt(b.globalPosition)),
  );
}

function standingAt(entries: readonly HistoryEntry[], at: Date): HistoryEntry | undefined {
  return entries.filter((e) => e.recordedAt <= at.toISOString()).at(-1) ?? entries[0];
}

function noticeEntry(
  event: StoredNoticeEvent,
  standing: HistoryEntry | undefined,
  names: ReadonlyMap<string, UserName>,
): AuditedHistoryEntry {
  const { metadata } = event;
  const { noticeId, at: _at, ...rest } = event.data as { noticeId: string; at: string; recipientId?: string };
  const recipientId = rest.recipientId;
  delete rest.recipientId;
  const status = standing?.stage.after ?? 'draft';
  const person = (id: string) => names.get(id);
  return {
    streamId: event.streamId,
    version: standing?.version ?? 0,
    globalPosition: event.globalPosition.toString(),
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    actor: {
      id: metadata.actorId,
      username: person(metadata.actorId)?.username ?? null,
      displayName: person(metadata.actorId)?.displayName ?? null,
      role: metadata.role,
      unit: metadata.unit ?? null,
    },
    stage: { before: status, after: status },
    revision: standing?.revision ?? 1,
    comment: 'title' in rest ? (rest as { title: string }).title : null,
    changes: [],
    correlationId: metadata.correlationId ?? null,
    commandId: metadata.commandId ?? null,
    hash: event.hash,
    previousHash: event.previousHash,
    notice: {
      id: noticeId,
      recipient: recipientId
        ? {
            id: recipientId,
            username: person(recipientId)?.username ?? null,
            displayName: person(recipientId)?.displayName ?? null,
          }
        : null,
      ...rest,
    },
  };
}
