import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ReadModelStatus, type ReadModelView } from '@app/projections';
import { HttpMetrics } from '../metrics/http-metrics.js';

/** Read-model lag as Prometheus gauges, measured when /metrics is scraped. */
@Injectable()
export class ReadModelMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: HttpMetrics,
    private readonly status: ReadModelStatus,
  ) {}

  onModuleInit(): void {
    // The registry collects its gauges at once: they share one reading of the read models per scrape.
    let reading: { at: number; models: Promise<ReadModelView[]> } | null = null;
    const models = () => {
      if (!reading || Date.now() - reading.at > 1_000) {
        reading = { at: Date.now(), models: this.status.list().catch(() => []) };
      }
      return reading.models;
    };
    const gauge = (name: string, help: string, value: (model: ReadModelView) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['read_model'] as const,
        registers: [this.metrics.registry],
        async collect() {
          for (const model of await models()) this.set({ read_model: model.name }, value(model));
        },
      });
    gauge('read_model_lag_seconds', 'Age of the oldest event the read model has not applied yet', (m) => m.lag.seconds);
    gauge('read_model_lag_events', 'Events in the log the read model has not applied yet', (m) => m.lag.events);
    gauge(
      'read_model_parked_streams',
      'Streams the read model skips because it could not apply one of their events',
      (m) => m.parked.length,
    );
  }
}
