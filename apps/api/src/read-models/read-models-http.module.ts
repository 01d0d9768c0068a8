import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeclarationReadModelsModule } from '@app/declarations';
import { AdminReadModelsController } from './admin-read-models.controller.js';
import { ReadModelMetrics } from './read-model-metrics.js';
import { ReadModelsController } from './read-models.controller.js';

@Module({
  imports: [CqrsModule, DeclarationReadModelsModule],
  controllers: [ReadModelsController, AdminReadModelsController],
  providers: [ReadModelMetrics],
})
export class ReadModelsHttpModule {}
