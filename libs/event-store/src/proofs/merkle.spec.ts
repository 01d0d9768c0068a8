import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  consistencyProof,
  consistencyRanges,
  inclusionProof,
  inclusionRanges,
  leafHash,
  MerkleFrontier,
  nodeHash,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const leaves = Array.from({ length: 23 }, (_, i) => leafHash(createHash('sha256').update(String(i)).digest('hex')));

describe('the log Merkle tree (RFC 9162)', () => {
  it('answers every prefix head incrementally as the recursive definition does', () => {
    const frontier = new MerkleFrontier();
    expect(frontier.root()).toEqual(treeHash([]));
    leaves.forEach((leaf, i) => {
      frontier.push(leaf);
      expect(frontier.root()).toEqual(treeHash(leaves, 0, i + 1));
    });
  });

  it('extends a copy of a frontier without changing the original, as the checkpointer does', () => {
    for (let size = 0; size <= leaves.length; size++) {
      const signed = new MerkleFrontier();
      leaves.slice(0, size).forEach((leaf) => signed.push(leaf));
      const extended = signed.clone();
      leaves.slice(size).forEach((leaf) => extended.push(leaf));
      expect(extended.root()).toEqual(treeHash(leaves));
      expect([signed.size, signed.root()]).toEqual([size, treeHash(leaves, 0, size)]);
    }
  });

  it('hashes leaves and nodes as RFC 9162 says, computed here without the module', () => {
    const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    const hex = 'ab'.repeat(32);
    const leaf = sha(Buffer.from([0]), Buffer.from(hex, 'hex'));
    expect(leafHash(hex)).toEqual(leaf);
    expect(nodeHash(leaves[0]!, leaves[1]!)).toEqual(sha(Buffer.from([1]), leaves[0]!, leaves[1]!));
    // Three leaves: the first two paired, the third on its own (the largest power of two below 3).
    const three = sha(Buffer.from([1]), sha(Buffer.from([1]), leaves[0]!, leaves[1]!), leaves[2]!);
    expect(treeHash(leaves, 0, 3)).toEqual(three);
  });

  it('hashes a stored hash that is not 64 hex digits as its decoded bytes, like any other', () => {
    const odd = 'abc';
    const expected = createHash('sha256')
      .update(Buffer.from([0]))
      .update(Buffer.from(odd, 'hex'))
      .digest();
    expect(leafHash(odd)).toEqual(expected);
    expect(leafHash('zz'.repeat(32))).toEqual(
      createHash('sha256')
        .update(Buffer.from([0]))
        .digest(),
    );
  });

  it('proves every leaf of every tree size, and no other leaf or index', () => {
    for (let size = 1; size <= leaves.length; size++) {
      const root = treeHash(leaves, 0, size);
      for (let m = 0; m < size; m++) {
        const path = inclusionProof(m, leaves, size);
        expect(verifyInclusion(m, size, leaves[m]!, path, root)).toBe(true);
        expect(verifyInclusion(m, size, leaves[(m + 1) % leaves.length]!, path, root)).toBe(false);
        if (size > 1) expect(verifyInclusion((m + 1) % size, size, leaves[m]!, path, root)).toBe(false);
      }
    }
  });

  it('proves every smaller tree a prefix of every larger one, and rejects a changed prefix', () => {
    for (let n = 2; n <= leaves.length; n++) {
      const tree = leaves.slice(0, n);
      for (let m = 1; m < n; m++) {
        const path = consistencyProof(m, tree);
        expect(verifyConsistency(m, n, treeHash(tree, 0, m), treeHash(tree), path)).toBe(true);
        const forged = [...tree];
        forged[m - 1] = leaves[22]!;
        expect(verifyConsistency(m, n, treeHash(forged, 0, m), treeHash(tree), path)).toBe(false);
      }
    }
  });

  it('names, for a proof, ranges of leaves that never overlap, so the leaves can be read once in order', () => {
    for (let n = 1; n <= 40; n++) {
      for (let m = 0; m < n; m++) {
        // An audit path covers every leaf but the proven one, each once.
        const covered = inclusionRanges(m, n).flatMap(([from, to]) =>
          Array.from({ length: to - from }, (_, i) => from + i),
        );
        expect(covered.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i).filter((i) => i !== m));
        const ranges = [...consistencyRanges(m + 1, n)].sort((a, b) => a[0] - b[0]);
        ranges.forEach(([from, to], i) => {
          expect(from).toBeLessThan(to);
          if (i > 0) expect(from).toBeGreaterThanOrEqual(ranges[i - 1]![1]);
        });
      }
    }
  });
});
