// The auditor's lib: hash-chain verification and the streamed export of the trail.
export { AuditModule } from './audit.module.js';
export { AuditTrail, type TrailRange, type VerifyView } from './audit-trail.js';
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
