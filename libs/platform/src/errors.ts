import { render, say, type Text, type Words } from './messages.js';

/**
 * The one error type that crosses layers. Every code here has exactly one HTTP status, in
 * the API's error filter, and a text in each language's catalogue (`error.<CODE>`); clients may
 * rely on codes, not on messages.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'DECLARATION_ILLEGAL_TRANSITION',
  'INDICATOR_NOT_FOUND',
  'SUBMISSION_BLOCKED',
  'VERSION_MISMATCH',
  'PRECONDITION_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'READ_MODEL_LAGGING',
  'CALENDAR_MISSING',
  'DECLARATION_UNREADABLE',
  'STREAM_STILL_PARKED',
  'DELIVERY_NOT_FAILED',
  'DECLARATION_NOT_CONFIRMED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One bad field: where (`indicators[3].target`), a stable code, and words for a person. */
export interface FieldError {
  path: string;
  code: string;
  message: Words;
}

export class AppError extends Error {
  /** What a person reads, rendered in their language when answered; `message` is the English, for logs. */
  readonly text: Text;

  constructor(
    readonly code: ErrorCode,
    text?: Text,
    readonly errors: readonly FieldError[] = [],
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    const words = text ?? say(`error.${code}`);
    super(render(words, 'en'));
    this.name = 'AppError';
    this.text = words;
  }
}

/**
 * An event the code cannot apply where it stands (an approval of a draft, a second draft): only a
 * log written around the service holds one. Readers stop at it; read models park its stream.
 */
export class UnreadableEventError extends Error {
  /** The event's version in its stream, once a reader that knows it has said so. */
  streamVersion?: number;

  constructor(message: string) {
    super(message);
    this.name = 'UnreadableEventError';
  }
}

/** Folds the event at `version` in its stream: an UnreadableEventError it throws is told that version. */
export function atVersion<T>(version: number, fold: () => T): T {
  try {
    return fold();
  } catch (error) {
    if (error instanceof UnreadableEventError) error.streamVersion ??= version;
    throw error;
  }
}
