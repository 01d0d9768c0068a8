import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { NoticesModule } from '@app/notices';
import { AdminNoticesController } from './admin-notices.controller.js';
import { NotificationsController } from './notifications.controller.js';

@Module({
  imports: [CqrsModule, NoticesModule],
  controllers: [NotificationsController, AdminNoticesController],
})
export class NoticesHttpModule {}
