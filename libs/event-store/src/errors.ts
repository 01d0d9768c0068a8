import type { ExpectedVersion } from './event-store.js';

/** The stream was not at the version the caller based its decision on. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
    this.name = 'ConcurrencyError';
  }
}

/** The same command id arrived with a different request. */
export class IdempotencyConflictError extends Error {
  constructor(readonly commandId: string) {
    super(`Command ${commandId} was already used for a different request`);
    this.name = 'IdempotencyConflictError';
  }
}

/** The stream does not exist, or the caller may not see it (which, to them, is the same). */
export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** A change to an existing stream that does not say which version it was based on. */
export class ExpectedVersionRequiredError extends Error {
  constructor(readonly streamId: string) {
    super(`A change to ${streamId} must name the version it is based on`);
    this.name = 'ExpectedVersionRequiredError';
  }
}
