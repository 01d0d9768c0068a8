/**
 * A notice is its own stream (`notice-<id>`), so sending one never bumps a declaration's
 * version: sent once, then delivered or failed per channel, then read by its recipient.
 */
export const NOTICE_STREAM_PREFIX = 'notice-';
export const noticeStreamOf = (noticeId: string): string => `${NOTICE_STREAM_PREFIX}${noticeId}`;

/** Besides each person's list (GET /notifications): where a notice is also delivered. */
export const CHANNELS = ['webhook', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface NoticeContent {
  /** reminder, overdue, escalation, submission-due, overdue-digest… */
  kind: string;
  recipientId: string;
  title: string;
  body: string;
  /** The declaration it is about (null for a digest over several). */
  declarationId: string | null;
  stage: string | null;
  dueAt: string | null;
  /** A digest's declarations. */
  items: string[];
  /** Where the recipient opens it (`<PUBLIC_URL>/console/declarations/<id>`); absent on older notices. */
  link?: string | null;
}

/**
 * Why a delivery failed for good: `error` as the server or the network put it (English, technical;
 * all that events recorded before carry), `reason` the words an admin reads, in their language.
 */
export interface DeliveryFailure {
  error: string;
  /** A message key of the catalogue (libs/platform) and its parameters. */
  reason?: { key: string; params?: Readonly<Record<string, unknown>> };
  /** What the other side said (an SMTP reply, an HTTP status), when it said something. */
  detail?: string;
}

export type NoticeEvent =
  | { type: 'NoticeSent'; data: NoticeContent & { noticeId: string; channels: Channel[]; at: string } }
  | { type: 'NoticeDelivered'; data: { noticeId: string; channel: Channel; attempts: number; at: string } }
  | {
      type: 'NoticeDeliveryFailed';
      data: DeliveryFailure & { noticeId: string; channel: Channel; attempts: number; at: string };
    }
  | { type: 'NoticeRead'; data: { noticeId: string; by: string; at: string } }
  /** An admin sends a failed delivery again: the channel is pending once more, in round `round`. */
  | {
      type: 'NoticeDeliveryRetried';
      data: { noticeId: string; channel: Channel; round: number; by: string; at: string };
    };

export type NoticeEventType = NoticeEvent['type'];
export const NOTICE_EVENT_TYPES: readonly NoticeEventType[] = [
  'NoticeSent',
  'NoticeDelivered',
  'NoticeDeliveryFailed',
  'NoticeRead',
  'NoticeDeliveryRetried',
];

export interface Notice extends NoticeContent {
  id: string;
  channels: Channel[];
  sentAt: string;
  readAt: string | null;
  /** The final word per channel; a channel without one is still being tried. */
  outcomes: Partial<Record<Channel, { status: 'delivered' | 'failed'; attempts: number; error: string | null }>>;
  /** How often an admin sent a channel again (0 when never): each round records its own outcome. */
  rounds: Partial<Record<Channel, number>>;
}

/** A notice as its events say it stands; null before it was sent. */
export function foldNotice(events: readonly NoticeEvent[]): Notice | null {
  return events.reduce<Notice | null>(evolveNotice, null);
}

function evolveNotice(notice: Notice | null, event: NoticeEvent): Notice | null {
  if (event.type === 'NoticeSent') {
    const { noticeId, at, ...content } = event.data;
    return { ...content, id: noticeId, sentAt: at, readAt: null, outcomes: {}, rounds: {} };
  }
  if (notice === null) return null;
  if (event.type === 'NoticeRead') return { ...notice, readAt: notice.readAt ?? event.data.at };
  if (event.type === 'NoticeDeliveryRetried') {
    const { channel, round } = event.data;
    const { [channel]: _cleared, ...outcomes } = notice.outcomes;
    return { ...notice, outcomes, rounds: { ...notice.rounds, [channel]: round } };
  }
  const { channel, attempts } = event.data;
  if (notice.outcomes[channel]) return notice;
  const error = event.type === 'NoticeDeliveryFailed' ? event.data.error : null;
  const outcome = { status: error === null ? ('delivered' as const) : ('failed' as const), attempts, error };
  return { ...notice, outcomes: { ...notice.outcomes, [channel]: outcome } };
}
