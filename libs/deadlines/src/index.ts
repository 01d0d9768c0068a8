// Deadlines at work: scheduling from the log, reminders, overdue notices, escalations, digests.
export { DeadlineNotices, type FireOutcome } from './deadline-notices.js';
export { DeadlineScheduler, DeadlineSchedules, type Stay } from './deadline-scheduler.js';
export { Digests, type DigestReport } from './digests.js';
export { deadlineMessage, formatDay, formatDue, STAGE_NAME } from './messages.js';
export { deadlineJobId, planDeadlineJobs, type DeadlineKind } from './plan.js';
export { ESCALATES_TO, Recipients } from './recipients.js';
export { DeadlinesModule } from './deadlines.module.js';
export { Rescheduler, type RescheduleReport } from './rescheduler.js';
export { currentStageEntry, type StageEntry } from './stage-entry.js';
export { WorkflowNoticesCheckpoint1796700100000 } from './migrations/1796700100000-workflow-notices-checkpoint.js';
export {
  declarationLink,
  WORKFLOW_NOTICE_KINDS,
  workflowMessage,
  type WorkflowFacts,
  type WorkflowNoticeKind,
} from './workflow-messages.js';
export { workflowNoticeKindOf, WorkflowNotices } from './workflow-notices.js';
