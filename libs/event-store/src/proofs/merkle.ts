import { createHash, hash } from 'node:crypto';

/**
 * The log's Merkle tree as RFC 9162 (Certificate Transparency 2.0) defines it, over the events in
 * commit order: leaf = SHA-256(0x00 ‖ event hash as 32 bytes), node = SHA-256(0x01 ‖ left ‖ right),
 * the empty tree's head SHA-256(""). Pure: the offline verifier uses it without a database.
 *
 * Verify hashes every event twice (its leaf, and about one node each): the one-shot `hash` over a
 * reused input buffer costs a third of `createHash().update().digest()` with a decoded copy.
 */
const input = Buffer.alloc(65);

export function leafHash(eventHashHex: string): Buffer {
  input[0] = 0;
  // A stored hash that is not 64 hex digits (tampered) decodes as Buffer.from would: shorter.
  if (eventHashHex.length === 64 && input.write(eventHashHex, 1, 32, 'hex') === 32) {
    return hash('sha256', input.subarray(0, 33), 'buffer');
  }
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(Buffer.from(eventHashHex, 'hex'))
    .digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  input[0] = 1;
  left.copy(input, 1);
  right.copy(input, 33);
  return hash('sha256', input, 'buffer');
}

const EMPTY = createHash('sha256').digest();

/** Largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[from:to]). */
export function treeHash(leaves: readonly Buffer[], from = 0, to = leaves.length): Buffer {
  const n = to - from;
  if (n === 0) return EMPTY;
  if (n === 1) return leaves[from]!;
  const k = split(n);
  return nodeHash(treeHash(leaves, from, from + k), treeHash(leaves, from + k, to));
}

/** Adds leaves one at a time and answers the head of every prefix in O(log n): one pass over a log. */
export class MerkleFrontier {
  private readonly stack: { hash: Buffer; size: number }[] = [];
  size = 0;

  push(leaf: Buffer): void {
    this.stack.push({ hash: leaf, size: 1 });
    this.size += 1;
    while (this.stack.length >= 2 && this.stack.at(-1)!.size === this.stack.at(-2)!.size) {
      const right = this.stack.pop()!;
      const left = this.stack.pop()!;
      this.stack.push({ hash: nodeHash(left.hash, right.hash), size: left.size * 2 });
    }
  }

  /** A copy to push onto without changing this one. */
  clone(): MerkleFrontier {
    const copy = new MerkleFrontier();
    copy.stack.push(...this.stack);
    copy.size = this.size;
    return copy;
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY;
    let root = this.stack.at(-1)!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i]!.hash, root);
    return root;
  }
}

/** Leaves [from, to) of the log: a proof carries the head of each of its ranges. */
export type LeafRange = readonly [from: number, to: number];

/**
 * RFC 9162 §2.1.3.1: the ranges whose heads make the audit path of leaf m in the tree of the first
 * n leaves, leaf side first. Only positions: the heads can come from leaves read once, in order.
 */
export function inclusionRanges(m: number, n: number, from = 0): LeafRange[] {
  if (n <= 1) return [];
  const k = split(n);
  return m < k
    ? [...inclusionRanges(m, k, from), [from + k, from + n]]
    : [...inclusionRanges(m - k, n - k, from + k), [from, from + k]];
}

/** RFC 9162 §2.1.4.1: the ranges whose heads prove the tree of the first m leaves a prefix of that of n. */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  if (m < 1 || m >= n) return [];
  const sub = (m: number, from: number, to: number, whole: boolean): LeafRange[] => {
    const size = to - from;
    if (m === size) return whole ? [] : [[from, to]];
    const k = split(size);
    return m <= k
      ? [...sub(m, from, from + k, whole), [from + k, to]]
      : [...sub(m - k, from + k, to, false), [from, from + k]];
  };
  return sub(m, 0, n, true);
}

/** The audit path of leaf m in the tree of the first `size` leaves. */
export function inclusionProof(m: number, leaves: readonly Buffer[], size = leaves.length): Buffer[] {
  return inclusionRanges(m, size).map(([from, to]) => treeHash(leaves, from, to));
}

/** Proof that the tree of the first m leaves is a prefix of the tree of all. */
export function consistencyProof(m: number, leaves: readonly Buffer[]): Buffer[] {
  return consistencyRanges(m, leaves.length).map(([from, to]) => treeHash(leaves, from, to));
}

const odd = (n: number) => n % 2 === 1;

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  path: readonly Buffer[],
  root: Buffer,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2. */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  path: readonly Buffer[],
): boolean {
  if (first === second) return path.length === 0 && firstRoot.equals(secondRoot);
  if (first < 1 || first > second || path.length === 0) return false;
  const proof = (first & (first - 1)) === 0 ? [firstRoot, ...path] : [...path];
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/**
 * An event's hash as es_event_hash computes it, from the stored text (libs/event-store/README.md#the-hash-chain):
 * `data` and `metadata` as PostgreSQL's jsonb text, `recordedAt` as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
 */
export function eventHash(event: {
  previousHash: string | null;
  streamId: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
  recordedAt: string;
}): string {
  const text = [
    event.previousHash ?? '',
    event.streamId,
    String(event.version),
    event.type,
    event.data,
    event.metadata,
    event.recordedAt,
  ].join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
