import { describe, expect, it } from '@jest/globals';
import { foldNotice, type NoticeEvent } from './notice.js';

const sent: NoticeEvent = {
  type: 'NoticeSent',
  data: {
    noticeId: 'n-1',
    kind: 'overdue',
    recipientId: 'u-1',
    title: '【已逾期】网络信息系统运行与维护',
    body: '…',
    declarationId: 'd-1',
    stage: 'departmental_review',
    dueAt: '2025-10-14T16:00:00.000Z',
    items: [],
    channels: ['webhook', 'email'],
    at: '2025-10-14T16:00:01.000Z',
  },
};

describe('a notice folded from its stream', () => {
  it('is nothing before it was sent', () => {
    expect(foldNotice([])).toBeNull();
  });

  it('keeps the first outcome of each channel and the first reading', () => {
    const notice = foldNotice([
      sent,
      { type: 'NoticeDelivered', data: { noticeId: 'n-1', channel: 'webhook', attempts: 3, at: 't1' } },
      {
        type: 'NoticeDeliveryFailed',
        data: { noticeId: 'n-1', channel: 'email', attempts: 8, error: '550', at: 't2' },
      },
      { type: 'NoticeDelivered', data: { noticeId: 'n-1', channel: 'email', attempts: 9, at: 't3' } },
      { type: 'NoticeRead', data: { noticeId: 'n-1', by: 'u-1', at: 't4' } },
      { type: 'NoticeRead', data: { noticeId: 'n-1', by: 'u-1', at: 't5' } },
    ]);
    expect(notice).toMatchObject({
      id: 'n-1',
      sentAt: '2025-10-14T16:00:01.000Z',
      readAt: 't4',
      outcomes: {
        webhook: { status: 'delivered', attempts: 3, error: null },
        email: { status: 'failed', attempts: 8, error: '550' },
      },
    });
  });

  it('is pending again on a channel an admin retries, and keeps that round’s first outcome', () => {
    const failed: NoticeEvent = {
      type: 'NoticeDeliveryFailed',
      data: { noticeId: 'n-1', channel: 'webhook', attempts: 8, error: 'webhook answered 410', at: 't1' },
    };
    const retried: NoticeEvent = {
      type: 'NoticeDeliveryRetried',
      data: { noticeId: 'n-1', channel: 'webhook', round: 1, by: 'admin-1', at: 't2' },
    };
    const pending = foldNotice([sent, failed, retried]);
    expect(pending).toMatchObject({ outcomes: {}, rounds: { webhook: 1 } });
    const delivered = foldNotice([
      sent,
      failed,
      retried,
      { type: 'NoticeDelivered', data: { noticeId: 'n-1', channel: 'webhook', attempts: 1, at: 't3' } },
      failed,
    ]);
    expect(delivered!.outcomes.webhook).toEqual({ status: 'delivered', attempts: 1, error: null });
  });
});
