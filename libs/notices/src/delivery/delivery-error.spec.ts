import { describe, expect, it } from '@jest/globals';
import { AppError, say } from '@app/platform';
import { DeliveryError, failureOf } from './delivery-error.js';

describe('what a delivery that failed for good records', () => {
  it('keeps a delivery error’s reason as a message key and what the receiver said beside it', () => {
    const error = new DeliveryError(
      say('delivery.webhookAnswered', { status: 500 }),
      true,
      '500 Internal Server Error',
    );
    expect(failureOf(error)).toEqual({
      error: error.message,
      reason: { key: 'delivery.webhookAnswered', params: { status: 500 } },
      detail: '500 Internal Server Error',
    });
  });

  it('records no detail when the receiver said nothing', () => {
    expect(failureOf(new DeliveryError(say('delivery.noWebhook'), false))).not.toHaveProperty('detail');
  });

  it('keeps the words of a refusal by the service itself, and only the message of anything else', () => {
    const refused = new AppError('NOT_FOUND', say('notice.notFound'));
    expect(failureOf(refused)).toEqual({ error: refused.message, reason: refused.text });
    expect(failureOf(new Error('socket hang up'))).toEqual({ error: 'socket hang up' });
    expect(failureOf('a thrown string')).toEqual({ error: 'a thrown string' });
  });
});
