import { createHmac } from 'node:crypto';
import { say } from '@app/platform';
import { DeliveryError } from './delivery-error.js';

export const SIGNATURE_HEADER = 'X-PTA-Signature-256';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, as GitHub signs its webhooks. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** 408 and 429 say "later", 5xx "not now": worth retrying. Any other 4xx will not change by retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** POSTs one signed JSON body; throws a DeliveryError saying whether another try can help. */
export async function postWebhook(
  webhook: { url: string; secret: string; timeoutMs: number },
  payload: object,
  headers: Record<string, string>,
): Promise<void> {
  const body = JSON.stringify(payload);
  let response: Response;
  try {
    response = await fetch(webhook.url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'pta-notices/1',
        [SIGNATURE_HEADER]: signatureOf(webhook.secret, body),
        ...headers,
      },
      signal: AbortSignal.timeout(webhook.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    throw new DeliveryError(say('delivery.webhookUnreachable'), true, (error as Error).message);
  }
  await response.body?.cancel();
  if (response.ok) return;
  throw new DeliveryError(
    say('delivery.webhookAnswered', { status: response.status }),
    isRetryableStatus(response.status),
    `${response.status} ${response.statusText}`.trim(),
  );
}
