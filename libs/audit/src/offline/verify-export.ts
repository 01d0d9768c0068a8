import {
  eventHash,
  publicKeyIdOf,
  leafHash,
  MerkleFrontier,
  readCheckpointBody,
  verifyEd25519,
  type CheckpointBody,
  type PublishedCheckpoint,
} from '@app/event-store';
import { rawMembers } from './raw-json.js';

export interface OfflineFinding {
  /**
   * `malformed_line`; the chain: `hash_mismatch`, `previous_hash_mismatch`, `version_gap`; the
   * checkpoints: `malformed_checkpoint`, `unknown_key`, `bad_signature`, `export_shorter` (fewer
   * events than a checkpoint covered: removed, or a partial export), `root_mismatch` (the first
   * treeSize events in commit order are not the ones signed), `unproven_event` (a checkpoint lists
   * it as appended without valid proof), `no_checkpoint`.
   */
  reason: string;
  line?: number;
  streamId?: string;
  version?: number;
  position?: string;
  checkpoint?: string;
}

export interface OfflineReport {
  ok: boolean;
  events: number;
  checkpointsChecked: number;
  /** The largest tree size a valid checkpoint vouched for, and how many exported events came after it. */
  coveredEvents: number;
  uncoveredEvents: number;
  findings: OfflineFinding[];
}

interface Row {
  line: number;
  position: bigint;
  transactionId: bigint;
  streamId: string;
  version: number;
  hash: string;
  previousHash: string | null;
}

/**
 * The auditor's check of an export (`GET /audit/export`, JSON lines, the whole log) against
 * published checkpoints, with nothing but the service's public keys: every hash recomputed, every
 * chain followed, the Merkle tree rebuilt in commit order and compared with each checkpoint's
 * signed root. Per-event proofs are HMACs and need the service's key: here the checkpoints vouch.
 */
export function verifyExport(
  trail: string,
  checkpoints: readonly PublishedCheckpoint[],
  publicKeys: readonly string[],
): OfflineReport {
  const findings: OfflineFinding[] = [];
  const rows = readRows(trail, findings);
  checkChains(rows, findings);
  const ordered = [...rows].sort((a, b) =>
    a.transactionId !== b.transactionId
      ? a.transactionId < b.transactionId
        ? -1
        : 1
      : a.position < b.position
        ? -1
        : 1,
  );
  const keys = new Map(publicKeys.map((pem) => [publicKeyIdOf(pem), pem]));
  const valid: { source: string; body: CheckpointBody }[] = [];
  for (const { source, signed } of checkpoints) {
    const body = readCheckpointBody(signed);
    const pem = body ? keys.get(body.keyId) : undefined;
    if (!body) findings.push({ reason: 'malformed_checkpoint', checkpoint: source });
    else if (!pem) findings.push({ reason: 'unknown_key', checkpoint: source });
    else if (!verifyEd25519(pem, signed.body, signed.signature))
      findings.push({ reason: 'bad_signature', checkpoint: source });
    else valid.push({ source, body });
  }
  if (valid.length === 0) findings.push({ reason: 'no_checkpoint' });
  valid.sort((a, b) => a.body.treeSize - b.body.treeSize);
  const frontier = new MerkleFrontier();
  let next = 0;
  const compare = () => {
    for (; next < valid.length && valid[next]!.body.treeSize === frontier.size; next++) {
      if (frontier.root().toString('hex') !== valid[next]!.body.rootHash) {
        findings.push({ reason: 'root_mismatch', checkpoint: valid[next]!.source });
      }
    }
  };
  for (const row of ordered) {
    frontier.push(leafHash(row.hash));
    compare();
  }
  for (; next < valid.length; next++) findings.push({ reason: 'export_shorter', checkpoint: valid[next]!.source });
  const unproven = new Set(valid.flatMap((v) => v.body.unproven));
  for (const index of [...unproven].sort((a, b) => a - b)) {
    const row = ordered[index];
    findings.push({
      reason: 'unproven_event',
      line: row?.line,
      streamId: row?.streamId,
      version: row?.version,
      position: row?.position.toString(),
    });
  }
  const covered = Math.min(valid.at(-1)?.body.treeSize ?? 0, rows.length);
  return {
    ok: findings.length === 0,
    events: rows.length,
    checkpointsChecked: valid.length,
    coveredEvents: covered,
    uncoveredEvents: rows.length - covered,
    findings,
  };
}

function readRows(trail: string, findings: OfflineFinding[]): Row[] {
  const rows: Row[] = [];
  trail.split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    const line = i + 1;
    try {
      const m = rawMembers(text);
      const str = (name: string) => JSON.parse(m.get(name) ?? 'null') as string | null;
      const row = {
        line,
        position: BigInt(str('position')!),
        transactionId: BigInt(str('transactionId')!),
        streamId: str('streamId')!,
        version: Number(m.get('version')),
        hash: str('hash')!,
        previousHash: str('previousHash'),
      };
      const recomputed = eventHash({
        previousHash: row.previousHash,
        streamId: row.streamId,
        version: row.version,
        type: str('type')!,
        data: m.get('data')!,
        metadata: m.get('metadata')!,
        recordedAt: str('recordedAt')!,
      });
      if (recomputed !== row.hash)
        findings.push({
          reason: 'hash_mismatch',
          line,
          streamId: row.streamId,
          version: row.version,
          position: row.position.toString(),
        });
      rows.push(row);
    } catch {
      findings.push({ reason: 'malformed_line', line });
    }
  });
  return rows;
}

function checkChains(rows: readonly Row[], findings: OfflineFinding[]): void {
  const streams = new Map<string, Row[]>();
  for (const row of rows) streams.set(row.streamId, [...(streams.get(row.streamId) ?? []), row]);
  for (const [streamId, events] of streams) {
    events.sort((a, b) => a.version - b.version);
    events.forEach((row, i) => {
      const before = events[i - 1];
      const where = { line: row.line, streamId, version: row.version, position: row.position.toString() };
      if (row.version !== (before?.version ?? 0) + 1) findings.push({ reason: 'version_gap', ...where });
      else if (row.previousHash !== (before?.hash ?? null))
        findings.push({ reason: 'previous_hash_mismatch', ...where });
    });
  }
}
