import { Module } from '@nestjs/common';
import { CalendarModule } from '@app/calendar';
import { DeclarationsModule } from '@app/declarations';
import { IdentityModule } from '@app/identity';
import { NoticeDeliveryModule, NoticesModule } from '@app/notices';
import { DeadlineNotices } from './deadline-notices.js';
import { DeadlineScheduler, DeadlineSchedules } from './deadline-scheduler.js';
import { Digests } from './digests.js';
import { Recipients } from './recipients.js';
import { Rescheduler } from './rescheduler.js';
import { WorkflowNotices } from './workflow-notices.js';

/** Deadline reminders, overdue notices, escalations and the daily digests: the worker's part. */
@Module({
  imports: [DeclarationsModule, CalendarModule, IdentityModule, NoticesModule, NoticeDeliveryModule],
  providers: [DeadlineScheduler, DeadlineSchedules, DeadlineNotices, Recipients, Digests, Rescheduler, WorkflowNotices],
  exports: [DeadlineSchedules, DeadlineNotices, Digests, Rescheduler, DeadlineScheduler, WorkflowNotices, Recipients],
})
export class DeadlinesModule {}
