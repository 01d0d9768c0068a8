import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { LogTree, readCheckpointBody } from '@app/event-store';
import { HttpMetrics } from '../metrics/http-metrics.js';

/**
 * The trail's alarm as a Prometheus gauge, read when /metrics is scraped: how many events the latest
 * signed checkpoint took in without valid proof (`unproven`). Anything above 0 means someone wrote
 * to the log around the service: an operator must look (libs/audit/README.md).
 */
@Injectable()
export class AuditMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: HttpMetrics,
    private readonly tree: LogTree,
  ) {}

  onModuleInit(): void {
    const tree = this.tree;
    new Gauge({
      name: 'log_unproven_events',
      help: 'Events in the latest signed checkpoint whose proof failed: no checkpoint vouches for them',
      registers: [this.metrics.registry],
      async collect() {
        const latest = await tree.latest().catch(() => null);
        const body = latest && readCheckpointBody({ body: latest.body, signature: latest.signature });
        this.set(body ? body.unproven.length : 0);
      },
    });
  }
}
