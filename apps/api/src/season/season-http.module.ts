import { Module } from '@nestjs/common';
import { CalendarModule } from '@app/calendar';
import { SeasonController } from './season.controller.js';

@Module({
  imports: [CalendarModule],
  controllers: [SeasonController],
})
export class SeasonHttpModule {}
