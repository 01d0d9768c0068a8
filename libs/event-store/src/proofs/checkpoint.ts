import { canonicalJson } from './canonical-json.js';

/** What a checkpoint says; signed as its canonical JSON text (`SignedCheckpoint.body`). */
export interface CheckpointBody {
  format: 'pta-checkpoint/v1';
  /** How many events, in commit order from the first, the tree covers. */
  treeSize: number;
  /** RFC 9162 tree head, hex. */
  rootHash: string;
  issuedAt: string;
  keyId: string;
  /** The last event covered, as `<transaction id>-<global position>` (the log's checkpoint format). */
  lastPosition: string;
  /** Leaf indexes (0-based) of covered events whose proof failed: the checkpoint does not vouch for them. */
  unproven: number[];
}

/** One published checkpoint: the exact signed text and its Ed25519 signature (hex). */
export interface SignedCheckpoint {
  body: string;
  signature: string;
}

export function checkpointBodyText(body: CheckpointBody): string {
  return canonicalJson(body);
}

/** The body of a signed checkpoint, or null when it is not one (never trust it before the signature is checked). */
export function readCheckpointBody(signed: SignedCheckpoint): CheckpointBody | null {
  try {
    const body = JSON.parse(signed.body) as CheckpointBody;
    const ok =
      body.format === 'pta-checkpoint/v1' &&
      Number.isSafeInteger(body.treeSize) &&
      body.treeSize >= 1 &&
      /^[0-9a-f]{64}$/.test(body.rootHash) &&
      typeof body.keyId === 'string' &&
      typeof body.issuedAt === 'string' &&
      typeof body.lastPosition === 'string' &&
      Array.isArray(body.unproven) &&
      body.unproven.every((i) => Number.isSafeInteger(i)) &&
      checkpointBodyText(body) === signed.body;
    return ok ? body : null;
  } catch {
    return null;
  }
}

/** A checkpoint file's name: the tree size, zero-padded so names sort as sizes do. */
export function checkpointFileName(treeSize: number): string {
  return `checkpoint-${String(treeSize).padStart(12, '0')}.json`;
}

/** A checkpoint file's text: one JSON object, `{"body": …, "signature": …}`. */
export function checkpointFileText(signed: SignedCheckpoint): string {
  return `${JSON.stringify({ body: signed.body, signature: signed.signature })}\n`;
}

export function parseCheckpointFile(text: string): SignedCheckpoint | null {
  try {
    const value = JSON.parse(text) as Partial<SignedCheckpoint>;
    return typeof value.body === 'string' && typeof value.signature === 'string'
      ? { body: value.body, signature: value.signature }
      : null;
  } catch {
    return null;
  }
}
