import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { isRetryableStatus, signatureOf } from './webhook.js';

describe('a webhook delivery', () => {
  it('is signed with HMAC-SHA256 of the exact body, as the receiver recomputes it', () => {
    const body = JSON.stringify({ title: '【已逾期】网络信息系统运行与维护' });
    const expected = createHmac('sha256', 'a-shared-secret-of-some-length')
      .update(Buffer.from(body, 'utf8'))
      .digest('hex');
    expect(signatureOf('a-shared-secret-of-some-length', body)).toBe(`sha256=${expected}`);
  });

  it('is retried on 408, 429 and 5xx, and given up at once on any other refusal', () => {
    expect([408, 429, 500, 502, 503].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 410, 422].map(isRetryableStatus)).toEqual([false, false, false, false, false, false]);
  });
});
