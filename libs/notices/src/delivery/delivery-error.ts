import { AppError, render, type Text } from '@app/platform';
import type { DeliveryFailure } from '../domain/notice.js';

/**
 * A delivery that did not go through; `retryable` false means no later try can help. `reason` is
 * what an admin reads (in their language), `detail` what the server or the network said.
 */
export class DeliveryError extends Error {
  constructor(
    readonly reason: Text,
    readonly retryable: boolean,
    readonly detail: string | null = null,
  ) {
    super(detail === null ? render(reason, 'en') : `${render(reason, 'en')}: ${detail}`);
    this.name = 'DeliveryError';
  }
}

/** What a delivery that failed for good records: the technical message, and the reason and detail when the error carries them. */
export function failureOf(error: unknown): DeliveryFailure {
  const failure: DeliveryFailure = { error: error instanceof Error ? error.message : String(error) };
  if (error instanceof DeliveryError) {
    failure.reason = error.reason;
    if (error.detail) failure.detail = error.detail;
  } else if (error instanceof AppError) {
    failure.reason = error.text;
  }
  return failure;
}
