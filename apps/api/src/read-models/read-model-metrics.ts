import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ReadModelStatus } from '@app/projections';
import { HttpMetrics } from '../metrics/http-metrics.js';

/** Read-model lag as Prometheus gauges, measured when /metrics is scraped. */
@Injectable()
export class ReadModelMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: HttpMetrics,
    private readonly status: ReadModelStatus,
  ) {}

  onModuleInit(): void {
    const status = this.status;
    const events = new Gauge({
      name: 'read_model_lag_events',
      help: 'Events in the log the read model has not applied yet',
      labelNames: ['read_model'] as const,
      registers: [this.metrics.registry],
    });
    new Gauge({
      name: 'read_model_lag_seconds',
      help: 'Age of the oldest event the read model has not applied yet',
      labelNames: ['read_model'] as const,
      registers: [this.metrics.registry],
      async collect() {
        const models = await status.list().catch(() => []);
        for (const model of models) {
          this.set({ read_model: model.name }, model.lag.seconds);
          events.set({ read_model: model.name }, model.lag.events);
        }
      },
    });
  }
}
