import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson } from './canonical-json.js';

/** What an event's proof covers: everything the appending process decides about it. */
export interface ProvenContent {
  streamId: string;
  streamVersion: number;
  type: string;
  data: unknown;
  metadata: unknown;
}

export type ProofStatus = 'ok' | 'unsigned' | 'bad_signature' | 'unknown_key';

export interface PublicKeyView {
  keyId: string;
  algorithm: 'Ed25519';
  /** SPKI PEM: what `audit verify-export --public-key` and `verify-receipt` read. */
  publicKey: string;
  current: boolean;
}

interface SigningKey {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** HMAC-SHA256 key for event proofs, derived from the private key by HKDF. */
  macKey: Buffer;
}

const PROOF_INFO = 'pta event proof v1';

/** A key's id: the first 16 hex digits of SHA-256 over its public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** The key id of an Ed25519 public key in PEM, or null when the text is not one. */
export function publicKeyIdOf(pem: string): string | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? keyIdOf(key) : null;
  } catch {
    return null;
  }
}

/** A fresh Ed25519 private key as PKCS#8 PEM (what `fileSecret` writes on first start). */
export function newSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** The bytes an event's proof is the HMAC of. */
export function proofInput(event: ProvenContent): string {
  return [
    'pta-event-v1',
    event.streamId,
    String(event.streamVersion),
    event.type,
    canonicalJson(event.data),
    canonicalJson(event.metadata),
  ].join('\n');
}

/** Ed25519 over the UTF-8 bytes of `text` with a public key in PEM; false on any malformed input. */
export function verifyEd25519(publicKeyPem: string, text: string, signatureHex: string): boolean {
  if (!/^[0-9a-f]{128}$/.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

/**
 * The service's signing keys, kept outside the database: the current one proves new events and
 * signs checkpoints; retired ones still check what they proved and signed before a rotation.
 * Per-event proofs are HMAC-SHA256 with a key derived from the Ed25519 private key (about a
 * microsecond an event on the append path); Ed25519 signatures are kept for checkpoints, which
 * anyone holding only the public key can check.
 */
export class KeyRing {
  private readonly byId: ReadonlyMap<string, SigningKey>;

  constructor(
    private readonly current: SigningKey,
    retired: readonly SigningKey[] = [],
  ) {
    this.byId = new Map([...retired, current].map((key) => [key.id, key]));
  }

  /** From PKCS#8 PEM texts: the current key first, then retired ones. */
  static fromPem(currentPem: string, retiredPems: readonly string[] = []): KeyRing {
    return new KeyRing(signingKey(currentPem), retiredPems.map(signingKey));
  }

  static fromFiles(currentFile: string, retiredFiles: readonly string[] = []): KeyRing {
    return KeyRing.fromPem(
      readFileSync(currentFile, 'utf8'),
      retiredFiles.map((file) => readFileSync(file, 'utf8')),
    );
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  prove(event: ProvenContent): string {
    return createHmac('sha256', this.current.macKey).update(proofInput(event)).digest('hex');
  }

  check(event: ProvenContent, keyId: string | null, proof: string | null): ProofStatus {
    if (keyId === null || proof === null) return 'unsigned';
    const key = this.byId.get(keyId);
    if (!key) return 'unknown_key';
    const expected = createHmac('sha256', key.macKey).update(proofInput(event)).digest();
    const given = /^[0-9a-f]{64}$/.test(proof) ? Buffer.from(proof, 'hex') : Buffer.alloc(0);
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad_signature';
  }

  /** Ed25519 signature, hex, over the UTF-8 bytes of `text`, with the current key. */
  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.current.privateKey).toString('hex');
  }

  verifySignature(keyId: string, text: string, signatureHex: string): boolean {
    const key = this.byId.get(keyId);
    return key !== undefined && verifyEd25519(this.publicKeyPem(key), text, signatureHex);
  }

  publicKeys(): PublicKeyView[] {
    return [...this.byId.values()].map((key) => ({
      keyId: key.id,
      algorithm: 'Ed25519' as const,
      publicKey: this.publicKeyPem(key),
      current: key.id === this.current.id,
    }));
  }

  private publicKeyPem(key: SigningKey): string {
    return key.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  }
}

function signingKey(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const macKey = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), PROOF_INFO, 32));
  return { id: keyIdOf(publicKey), privateKey, publicKey, macKey };
}
