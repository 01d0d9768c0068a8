// The auditor's lib: hash-chain verification, the streamed export of the trail, and a
// declaration's history with the notices sent about it.
export { AuditModule, CheckpointPublicationModule } from './audit.module.js';
export {
  CheckpointPublication,
  publicationJobId,
  type CheckpointWebhookPayload,
  type PublicationChannel,
} from './publication/checkpoint-publication.js';
export { CheckpointPublications1796700700000 } from './migrations/1796700700000-checkpoint-publications.js';
export { AuditTrail, type TrailRange, type VerifyView } from './audit-trail.js';
export { Checkpoints, readCheckpointDirectory } from './checkpoints.js';
export { GetReceipt } from './receipts.js';
export { receiptText, verifyReceipt, type Receipt, type ReceiptCheck } from './offline/receipt.js';
export { verifyExport, type OfflineFinding, type OfflineReport } from './offline/verify-export.js';
export { GetDeclarationHistory, type DeclarationHistoryView } from './declaration-history.js';
export type { AuditedHistoryEntry, NoticeHistory } from './notice-history.js';
export {
  csvCell,
  csvLine,
  jsonLine,
  TRAIL_COLUMNS,
  TRAIL_MEDIA,
  trailLine,
  trailPreamble,
  type TrailFormat,
  type TrailRow,
} from './trail-format.js';
