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

/**
 * The stream is at the expected version, but its last event is not the one the caller's state was
 * folded from: that state is not the log's. Load the stream again; nothing was appended.
 */
export class HeadMismatchError extends Error {
  constructor(
    readonly streamId: string,
    readonly version: number,
  ) {
    super(`Stream ${streamId} at version ${version} does not end in the hash the caller folded`);
    this.name = 'HeadMismatchError';
  }
}
