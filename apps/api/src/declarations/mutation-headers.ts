import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { CommandResult, Envelope } from '@app/declarations';
import { AppError, say } from '@app/platform';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** If-Match carries the version the client saw: `"3"` (or `W/"3"`). */
export function expectedVersionOf(request: Request): number | null {
  const header = request.header('if-match');
  if (header === undefined || header.trim() === '') return null;
  if (header.trim() === '*') throw new AppError('PRECONDITION_REQUIRED', say('request.ifMatchStar'));
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  // An ETag we never issued can never match: that is a failed precondition, not a bad request.
  return match ? Number(match[1]) : -1;
}

/** The Idempotency-Key header, with a fingerprint of the request so a reused key is caught. */
export function envelopeOf(request: Request, body: unknown): Envelope {
  const key = request.header('idempotency-key');
  if (key === undefined) return {};
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', say('request.badIdempotencyKey'), [
      { path: 'Idempotency-Key', code: 'INVALID_FORMAT', message: say('field.idempotencyKey') },
    ]);
  }
  const fingerprint = createHash('sha256')
    .update(`${request.method}\n${request.path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
  return { idempotency: { key, fingerprint } };
}

/** Status, ETag and log position of a mutation; a replayed answer says so. */
export function reply(response: Response, result: CommandResult, status: 200 | 201): void {
  response.status(status);
  response.setHeader('ETag', `"${result.version}"`);
  if (result.position) response.setHeader('X-Log-Position', result.position);
  if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
}
