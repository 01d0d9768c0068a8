export * from './event-store.js';
export {
  ConcurrencyError,
  ExpectedVersionRequiredError,
  HeadMismatchError,
  IdempotencyConflictError,
  StreamNotFoundError,
} from './errors.js';
export { CommandHandler, type Handled, type NewStream, type StreamCommand } from './command-handler.js';
export { FoldCache, type FoldedState } from './fold-cache.js';
export { FoldedStreams, type Evolve, type StreamState } from './folded-streams.js';
export { InMemoryEventStore } from './in-memory-event-store.js';
export { PostgresEventStore } from './postgres-event-store.js';
export { CreateEventStore1764064800000 } from './migrations/1764064800000-create-event-store.js';
export { hashFunctionIntact } from './hash-function.js';
export { EventStoreModule } from './event-store.module.js';
export {
  readableHead,
  readByStream,
  readContentByStream,
  readLog,
  readStreamsUpTo,
  readStreamUpTo,
  type EventContent,
  type Sql,
} from './log-queries.js';
export { IndexRecordedAt1764248400000 } from './migrations/1764248400000-index-recorded-at.js';
export { AppendMany1764273600000 } from './migrations/1764273600000-append-many.js';
export { EventProofs1796690000000 } from './migrations/1796690000000-event-proofs.js';
export { AppendHeadHash1796700850000 } from './migrations/1796700850000-append-head-hash.js';
export { canonicalJson } from './proofs/canonical-json.js';
export {
  KeyRing,
  keyIdOf,
  publicKeyIdOf,
  newSigningKeyPem,
  proofInput,
  verifyEd25519,
  type ProofStatus,
  type ProvenContent,
  type PublicKeyView,
} from './proofs/key-ring.js';
export { loadKeyRing } from './proofs/load-keys.js';
export {
  consistencyProof,
  eventHash,
  inclusionProof,
  leafHash,
  MerkleFrontier,
  nodeHash,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from './proofs/merkle.js';
export {
  checkpointBodyText,
  checkpointFileName,
  checkpointFileText,
  parseCheckpointFile,
  readCheckpointBody,
  type CheckpointBody,
  type SignedCheckpoint,
} from './proofs/checkpoint.js';
export { LogTree, type CheckpointRun, type StoredCheckpoint } from './proofs/log-tree.js';
export {
  verifyTree,
  type CheckpointFinding,
  type LeafFinding,
  type PublishedCheckpoint,
  type TreeReport,
} from './proofs/tree-verify.js';
