/**
 * The one error type that crosses layers. Every code here has exactly one HTTP status, in
 * the API's error filter; clients may rely on codes, not on messages.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'DECLARATION_ILLEGAL_TRANSITION'
  | 'INDICATOR_NOT_FOUND'
  | 'SUBMISSION_BLOCKED'
  | 'VERSION_MISMATCH'
  | 'PRECONDITION_REQUIRED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'READ_MODEL_LAGGING'
  | 'CALENDAR_MISSING'
  | 'INTERNAL';

/** One bad field: where (`indicators[3].target`), a stable code, and words for a person. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
