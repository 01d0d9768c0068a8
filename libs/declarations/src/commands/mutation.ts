import { formatCheckpoint, type EventMetadata, type Handled } from '@app/event-store';
import { requestContext } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { declarationIdOf, type Declaration } from '../domain/index.js';

/** How a client asked for a change: the key that makes a repeat harmless, and what else to record. */
export interface Envelope {
  /**
   * `global`: the key is the whole command id, the same whoever sends it (an import's
   * `import:<sha256>:<formIndex>`, so a file imported by anyone is not imported again).
   */
  idempotency?: { key: string; fingerprint: string; global?: boolean };
  /** Extra metadata on every event, e.g. an import's file hash and form index. */
  provenance?: Record<string, string | number>;
}

/**
 * What a command did, and all a repeat with the same Idempotency-Key needs to be answered the
 * same: the edge shows the declaration as it stood at `version`.
 */
export interface CommandResult {
  declarationId: string;
  version: number;
  /** Log position of the last event written, for read-your-writes (`"<txid>-<position>"`). */
  position: string | null;
  /** True when this answers a repeated request: nothing was written this time. */
  replayed: boolean;
  /** The declaration as this command left it (folded here); absent on a repeat and when nothing changed. */
  declaration?: Declaration;
}

/**
 * Idempotency keys are per person: two users can't collide, nor replay each other's answers.
 * A global key (never from a header) cannot collide with them: those start with a user's uuid.
 */
export function idempotencyOf(
  actor: Actor,
  envelope: Envelope,
): { commandId: string; fingerprint: string } | undefined {
  const { idempotency } = envelope;
  if (!idempotency) return undefined;
  const commandId = idempotency.global ? idempotency.key : `${actor.userId}:${idempotency.key}`;
  return { commandId, fingerprint: idempotency.fingerprint };
}

export function metadataOf(actor: Actor, envelope: Envelope): EventMetadata {
  return {
    actorId: actor.userId,
    role: actor.role,
    unit: actor.unitId,
    correlationId: requestContext.current()?.correlationId,
    ...envelope.provenance,
  };
}

export function resultOf(handled: Handled<Declaration>): CommandResult {
  return {
    declarationId: declarationIdOf(handled.streamId)!,
    version: handled.version,
    position: handled.position && formatCheckpoint(handled.position),
    replayed: handled.replayed,
    ...(handled.state && { declaration: handled.state }),
  };
}
