// Notices: each on its own stream in the log, each person's list, delivery by webhook and e-mail.
export { DeliveryError, failureOf } from './delivery/delivery-error.js';
export { deliveryJobId, NoticeDeliveries } from './delivery/delivery-consumer.js';
export { NoticeDelivery, type WebhookPayload } from './delivery/notice-delivery.js';
export { MailSender, type MailAttachment } from './delivery/mail.js';
export { isRetryableStatus, postWebhook, SIGNATURE_HEADER, signatureOf } from './delivery/webhook.js';
export * from './domain/notice.js';
export { CreateNotices1764262800000 } from './migrations/1764262800000-create-notices.js';
export { NoticeLog, noticeIdOf, SYSTEM_ACTOR, type NewNotice, type StoredNoticeEvent } from './notice-log.js';
export { NoticeDeliveryModule, NoticesModule } from './notices.module.js';
export { NoticesProjection } from './projections/notices-projection.js';
export { DELIVERY_STATUSES, ListDeliveries, type DeliveryItem, type DeliveryStatus } from './queries/deliveries.js';
export {
  CountUnreadNotifications,
  ListNotifications,
  type NotificationItem,
  type NotificationsPage,
} from './queries/notifications.js';
export { ReadNotice, type ReadNoticeResult } from './read-notice.js';
export { deliveryIdOf, RetryDelivery, type RetryDeliveryResult } from './retry-delivery.js';
export { NoticeLinks1796700000000 } from './migrations/1796700000000-notice-links.js';
export { DeliveryReasons1796700800000 } from './migrations/1796700800000-delivery-reasons.js';
export { DeliveryDetails1796702300000 } from './migrations/1796702300000-delivery-details.js';
