import { render, type Text } from '@app/platform';

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
