import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelsModule } from '@app/declarations';
import { NoticesModule } from '@app/notices';
import { AdminNoticesController } from './admin-notices.controller.js';
import { NotificationsController } from './notifications.controller.js';

@Module({
  imports: [CqrsModule, NoticesModule, ReadModelsModule],
  controllers: [NotificationsController, AdminNoticesController],
})
export class NoticesHttpModule {}
