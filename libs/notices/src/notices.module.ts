import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { MailSender } from './delivery/mail.js';
import { NoticeDeliveries } from './delivery/delivery-consumer.js';
import { NoticeDelivery } from './delivery/notice-delivery.js';
import { NoticeLog } from './notice-log.js';
import { ListDeliveriesHandler } from './queries/deliveries.js';
import { CountUnreadNotificationsHandler, ListNotificationsHandler } from './queries/notifications.js';
import { ReadNoticeHandler } from './read-notice.js';
import { RetryDeliveryHandler } from './retry-delivery.js';

/** Notices in the log, each person's list, marking read. Needs the process's Clock and AppConfig. */
@Module({
  imports: [CqrsModule, EventStoreModule, IdentityModule],
  providers: [
    NoticeLog,
    ListNotificationsHandler,
    CountUnreadNotificationsHandler,
    ListDeliveriesHandler,
    ReadNoticeHandler,
    RetryDeliveryHandler,
  ],
  exports: [NoticeLog],
})
export class NoticesModule {}

/** Delivering notices by webhook and e-mail: the worker's part (needs the notices queue). */
@Module({
  imports: [NoticesModule, IdentityModule],
  providers: [NoticeDeliveries, NoticeDelivery, MailSender],
  exports: [NoticeDeliveries, NoticeDelivery, MailSender],
})
export class NoticeDeliveryModule {}
