import { describe, expect, it } from '@jest/globals';
import { say } from '@app/platform';
import { DeliveryError } from '../delivery/delivery-error.js';
import { errorOf } from './deliveries.js';

describe('why a delivery failed, as an admin reads it', () => {
  it('words the reason in the reader’s language and keeps what the server said apart', () => {
    const failure = new DeliveryError(
      say('delivery.smtpRefused', { code: 550 }),
      false,
      '550 5.1.1 mailbox unavailable',
    );
    const row = { error: failure.message, error_reason: failure.reason };
    expect(errorOf(row, 'zh')).toEqual({
      error: '邮件服务器拒收（550）',
      errorDetail: '550 5.1.1 mailbox unavailable',
    });
    expect(errorOf(row, 'en')).toEqual({
      error: 'The mail server refused it (550)',
      errorDetail: '550 5.1.1 mailbox unavailable',
    });
  });

  it('shows a failure recorded before reasons were kept as it was recorded', () => {
    expect(errorOf({ error: 'webhook answered 500', error_reason: null }, 'zh')).toEqual({
      error: 'webhook answered 500',
      errorDetail: null,
    });
    expect(errorOf({ error: null, error_reason: null }, 'zh')).toEqual({ error: null, errorDetail: null });
  });
});
