import { Module } from '@nestjs/common';
import { ImportsModule } from '@app/imports';
import { ImportQueue } from './import-queue.js';
import { ImportsController } from './imports.controller.js';

/** POST /imports and GET /imports/:id: the API validates and queues, the worker imports. */
@Module({
  imports: [ImportsModule],
  controllers: [ImportsController],
  providers: [ImportQueue],
})
export class ImportsHttpModule {}
