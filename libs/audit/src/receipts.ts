import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { declarationStreamId, GetHistory } from '@app/declarations';
import { LogTree } from '@app/event-store';
import type { Actor } from '@app/identity/roles';
import { AppError, say } from '@app/platform';
import { Checkpoints } from './checkpoints.js';
import { CONFIRMING_EVENT, type Receipt } from './offline/receipt.js';

/** A confirmed declaration's receipt, for anyone who may read the declaration (404 otherwise). */
export class GetReceipt extends Query<Receipt> {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
  ) {
    super();
  }
}

interface EventText {
  position: string;
  version: number;
  type: string;
  recordedAt: string;
  data: string;
  metadata: string;
  previousHash: string | null;
  hash: string;
}

@QueryHandler(GetReceipt)
export class GetReceiptHandler implements IQueryHandler<GetReceipt> {
  constructor(
    private readonly queries: QueryBus,
    private readonly db: DataSource,
    private readonly tree: LogTree,
    private readonly checkpoints: Checkpoints,
  ) {}

  async execute({ actor, declarationId }: GetReceipt): Promise<Receipt> {
    const history = await this.queries.execute(new GetHistory(actor, declarationId));
    const confirmed = history.entries.filter((e) => e.type === CONFIRMING_EVENT).at(-1);
    if (!confirmed) {
      throw new AppError('DECLARATION_NOT_CONFIRMED');
    }
    const streamId = declarationStreamId(declarationId);
    const [event] = await this.db.query<EventText[]>(
      `SELECT global_position::text AS position, stream_version AS version, type,
              to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt",
              data::text AS data, metadata::text AS metadata, previous_hash AS "previousHash", hash
         FROM events WHERE stream_id = $1 AND stream_version = $2`,
      [streamId, confirmed.version],
    );
    const position = BigInt(event!.position);
    // The confirmation may be newer than the last checkpoint: make one now rather than wait for the
    // worker. The tree takes only events below the oldest running transaction: give one a moment.
    for (let attempt = 0; attempt < 10 && !(await this.covered(position)); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      await this.checkpoints.make();
    }
    const latest = await this.tree.latest();
    if (!latest || !(await this.covered(position))) {
      throw new AppError('SERVICE_UNAVAILABLE', say('audit.notCoveredYet'));
    }
    const inclusion = await this.tree.inclusion(position, latest.treeSize);
    const { version, type, recordedAt, data, metadata, previousHash, hash } = event!;
    return {
      format: 'pta-receipt/v1',
      declarationId,
      event: { streamId, version, type, recordedAt, data, metadata, previousHash, hash },
      leafIndex: inclusion.leafIndex,
      inclusionProof: inclusion.path,
      checkpoint: { body: latest.body, signature: latest.signature },
    };
  }

  private async covered(position: bigint): Promise<boolean> {
    const [leaf, latest] = [await this.tree.leafIndexOf(position), await this.tree.latest()];
    return leaf !== null && latest !== null && leaf < latest.treeSize;
  }
}
