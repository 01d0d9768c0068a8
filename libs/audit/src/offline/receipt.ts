import {
  eventHash,
  publicKeyIdOf,
  leafHash,
  readCheckpointBody,
  verifyEd25519,
  verifyInclusion,
  type SignedCheckpoint,
} from '@app/event-store';

/**
 * What a unit keeps once its declaration is confirmed: the confirming event as stored (the exact
 * text its hash covers), its place in the log's Merkle tree and the signed checkpoint whose root
 * that path leads to. Every field is bound by the hash, the path or the signature.
 */
export interface Receipt {
  format: 'pta-receipt/v1';
  declarationId: string;
  event: {
    streamId: string;
    version: number;
    type: string;
    recordedAt: string;
    data: string;
    metadata: string;
    previousHash: string | null;
    hash: string;
  };
  leafIndex: number;
  inclusionProof: string[];
  checkpoint: SignedCheckpoint;
}

export const CONFIRMING_EVENT = 'DeclarationConfirmed';

/** The receipt file's text: compact JSON, so that any byte changed changes what is checked. */
export function receiptText(receipt: Receipt): string {
  return `${JSON.stringify(receipt)}\n`;
}

export interface ReceiptCheck {
  ok: boolean;
  /** Why not, for a person: the first check that failed. */
  problem: string | null;
  declarationId: string | null;
  treeSize: number | null;
}

const HEX64 = /^[0-9a-f]{64}$/;
const sameKeys = (value: unknown, keys: string[]) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).join() === keys.join();

/** Checks a receipt offline with the service's public key(s); a receipt with any byte changed fails. */
export function verifyReceipt(text: string, publicKeys: readonly string[]): ReceiptCheck {
  let receipt: Receipt;
  try {
    receipt = JSON.parse(text) as Receipt;
  } catch {
    return failed('not JSON');
  }
  const problem = check(text, receipt, publicKeys);
  if (problem) return failed(problem);
  return {
    ok: true,
    problem: null,
    declarationId: receipt.declarationId,
    treeSize: readCheckpointBody(receipt.checkpoint)!.treeSize,
  };
}

function check(text: string, r: Receipt, publicKeys: readonly string[]): string | null {
  if (receiptText(r) !== text && JSON.stringify(r) !== text) return 'not as the service wrote it';
  if (!sameKeys(r, ['format', 'declarationId', 'event', 'leafIndex', 'inclusionProof', 'checkpoint']))
    return 'unexpected fields';
  if (r.format !== 'pta-receipt/v1') return 'unknown format';
  const e = r.event;
  if (!sameKeys(e, ['streamId', 'version', 'type', 'recordedAt', 'data', 'metadata', 'previousHash', 'hash']))
    return 'unexpected event fields';
  if (e.streamId !== `declaration-${r.declarationId}` || e.type !== CONFIRMING_EVENT)
    return 'not a confirmation of this declaration';
  if (!HEX64.test(e.hash) || eventHash(e) !== e.hash) return 'the event does not match its hash';
  if (!sameKeys(r.checkpoint, ['body', 'signature'])) return 'unexpected checkpoint fields';
  const body = readCheckpointBody(r.checkpoint);
  if (!body) return 'the checkpoint is malformed';
  const pem = publicKeys.find((k) => publicKeyIdOf(k) === body.keyId);
  if (!pem) return `the checkpoint was signed with key ${body.keyId}, not one given`;
  if (!verifyEd25519(pem, r.checkpoint.body, r.checkpoint.signature)) return 'the checkpoint signature is not valid';
  if (body.unproven.includes(r.leafIndex)) return 'the checkpoint does not vouch for this event';
  if (!Array.isArray(r.inclusionProof) || !r.inclusionProof.every((h) => typeof h === 'string' && HEX64.test(h))) {
    return 'the inclusion proof is malformed';
  }
  const path = r.inclusionProof.map((h) => Buffer.from(h, 'hex'));
  if (!verifyInclusion(r.leafIndex, body.treeSize, leafHash(e.hash), path, Buffer.from(body.rootHash, 'hex'))) {
    return 'the event is not in the signed tree';
  }
  return null;
}

function failed(problem: string): ReceiptCheck {
  return { ok: false, problem, declarationId: null, treeSize: null };
}
