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
    const row = { error: failure.message, error_reason: failure.reason, error_detail: failure.detail };
    expect(errorOf(row, 'zh')).toEqual({
      error: '邮件服务器拒收（550）',
      errorDetail: '550 5.1.1 mailbox unavailable',
    });
    expect(errorOf(row, 'en')).toEqual({
      error: 'The mail server refused it (550)',
      errorDetail: '550 5.1.1 mailbox unavailable',
    });
  });

  it('takes the detail as recorded, whatever the reason’s English words say now', () => {
    const row = {
      error: 'words of an older catalogue: 421 try later',
      error_reason: say('delivery.smtpRefused', { code: 421 }),
    };
    expect(errorOf({ ...row, error_detail: '421 try later' }, 'en')).toEqual({
      error: 'The mail server refused it (421)',
      errorDetail: '421 try later',
    });
    // Recorded before the detail had a field of its own: only what the message still shows.
    expect(errorOf({ ...row, error_detail: null }, 'en').errorDetail).toBeNull();
  });

  it('finds the detail of a failure recorded before it had a field of its own in the message', () => {
    const failure = new DeliveryError(say('delivery.smtpRefused', { code: 550 }), false, '550 no such user');
    expect(errorOf({ error: failure.message, error_reason: failure.reason, error_detail: null }, 'zh')).toEqual({
      error: '邮件服务器拒收（550）',
      errorDetail: '550 no such user',
    });
  });

  it('shows a failure recorded before reasons were kept as it was recorded', () => {
    expect(errorOf({ error: 'webhook answered 500', error_reason: null, error_detail: null }, 'zh')).toEqual({
      error: 'webhook answered 500',
      errorDetail: null,
    });
    expect(errorOf({ error: null, error_reason: null, error_detail: null }, 'zh')).toEqual({
      error: null,
      errorDetail: null,
    });
  });
});
