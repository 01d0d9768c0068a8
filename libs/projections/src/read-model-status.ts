import { Inject, Injectable } from '@nestjs/common';
import { compareCheckpoints, formatCheckpoint, type LogCheckpoint } from '@app/event-store';
import { AppError, say } from '@app/platform';
import { DataSource } from 'typeorm';
import { listParked } from './parked-streams.js';
import type { Projection } from './projection.js';
import type { RebuildStatus } from './rebuild.js';

/** Every projection the process knows, by name. */
export const PROJECTIONS = Symbol('PROJECTIONS');

export interface RebuildView {
  id: string;
  status: RebuildStatus;
  eventsDone: number;
  eventsTotal: number | null;
  progress: number | null;
  requestedBy: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Streams the rebuilt tables left out (parked), once completed. */
  parked: number;
}

export interface ReadModelView {
  name: string;
  tables: readonly string[];
  checkpoint: string;
  eventsApplied: number;
  updatedAt: string | null;
  lag: { events: number; seconds: number };
  /** Streams it skips since it could not apply one of their events: an operator retries them. */
  parked: { streamId: string; position: string; eventType: string; error: string; parkedAt: string }[];
  rebuild: RebuildView | null;
}

/** Where each read model stands: checkpoint, lag behind the log, the latest rebuild. */
@Injectable()
export class ReadModelStatus {
  constructor(
    private readonly db: DataSource,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
  ) {}

  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  projection(name: string): Projection {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new AppError('NOT_FOUND', say('readModel.unknown', { name }));
    return projection;
  }

  async list(): Promise<ReadModelView[]> {
    return Promise.all(this.projections.map((p) => this.describe(p)));
  }

  async checkpoint(name: string): Promise<LogCheckpoint> {
    const rows: { transaction_id: string; global_position: string }[] = await this.db.query(
      `SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = $1`,
      [name],
    );
    return rows[0]
      ? { transactionId: BigInt(rows[0].transaction_id), globalPosition: BigInt(rows[0].global_position) }
      : { transactionId: 0n, globalPosition: 0n };
  }

  /**
   * Read-your-writes: waits until the read model has applied the event at `position` (from a
   * write's X-Log-Position), or answers 503 so the client retries instead of reading stale rows.
   */
  async waitFor(name: string, position: LogCheckpoint, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (compareCheckpoints(await this.checkpoint(name), position) >= 0) return;
      if (Date.now() >= deadline) {
        throw new AppError(
          'READ_MODEL_LAGGING',
          say('readModel.lagging', { name, position: formatCheckpoint(position) }),
          [],
          {
            retryAfterSeconds: 1,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private async describe(projection: Projection): Promise<ReadModelView> {
    const [row] = await this.db.query<
      { transaction_id: string; global_position: string; events_applied: string; updated_at: Date }[]
    >(
      `SELECT transaction_id, global_position, events_applied, updated_at FROM projection_checkpoints WHERE name = $1`,
      [projection.name],
    );
    const checkpoint = await this.checkpoint(projection.name);
    const [lag] = await this.db.query<{ events: string; oldest: Date | null }[]>(
      `SELECT count(*) AS events, min(recorded_at) AS oldest FROM events
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)`,
      [checkpoint.transactionId.toString(), checkpoint.globalPosition.toString()],
    );
    return {
      name: projection.name,
      tables: projection.tables,
      checkpoint: formatCheckpoint(checkpoint),
      eventsApplied: Number(row?.events_applied ?? 0),
      updatedAt: row?.updated_at?.toISOString() ?? null,
      lag: {
        events: Number(lag?.events ?? 0),
        seconds: lag?.oldest ? Math.max(0, (Date.now() - lag.oldest.getTime()) / 1000) : 0,
      },
      rebuild: await this.latestRebuild(projection.name),
      parked: (await listParked(this.db, projection.name)).map((p) => ({
        ...p,
        position: formatCheckpoint(p.position),
      })),
    };
  }

  async latestRebuild(name: string): Promise<RebuildView | null> {
    const [row] = await this.db.query<
      {
        id: string;
        status: RebuildStatus;
        events_done: string;
        events_total: string | null;
        requested_by: string | null;
        requested_at: Date;
        started_at: Date | null;
        finished_at: Date | null;
        error: string | null;
        parked: number;
      }[]
    >(`SELECT * FROM read_model_rebuilds WHERE name = $1 ORDER BY requested_at DESC LIMIT 1`, [name]);
    if (!row) return null;
    const total = row.events_total === null ? null : Number(row.events_total);
    const done = Number(row.events_done);
    return {
      id: row.id,
      status: row.status,
      eventsDone: done,
      eventsTotal: total,
      progress: total ? Math.min(1, done / total) : row.status === 'completed' ? 1 : null,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at.toISOString(),
      startedAt: row.started_at?.toISOString() ?? null,
      finishedAt: row.finished_at?.toISOString() ?? null,
      error: row.error,
      parked: row.parked,
    };
  }
}
