import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Names, type UserName } from '@app/identity';
import type { Actor } from '@app/identity/roles';
import { DeclarationStream } from '../declaration-stream.js';
import type { Review, Status } from '../domain/index.js';
import { contentChanges, type FieldChange } from './field-changes.js';
import { loadReadable, replay, type ReplayStep } from './replay.js';

export interface HistoryEntry {
  /** The declaration's version (on a notice merged in by the audit lib, the version it was sent at). */
  version: number;
  /** A bigint in the log, so a string in JSON. */
  globalPosition: string;
  type: string;
  recordedAt: string;
  /** The name is today's; role and unit are what the event recorded at the time. */
  actor: {
    id: string;
    username: string | null;
    displayName: string | null;
    role: string;
    unit: string | null;
  };
  /** The workflow status the declaration was in when the event happened, and after it. */
  stage: { before: Status | null; after: Status };
  revision: number;
  /** The comment of an approval or submission, or the reason of a return, rejection, amendment or discard. */
  comment: string | null;
  /** A reviewer's 审核意见 per indicator row (named as the row was named then). */
  opinions: { indicatorId: string; indicatorName: string | null; opinion: string }[];
  /** The grade departmental review gave (评审等级), if any. */
  grade: string | null;
  changes: FieldChange[];
  correlationId: string | null;
  commandId: string | null;
  hash: string;
  previousHash: string | null;
}

export interface HistoryView {
  declarationId: string;
  version: number;
  entries: HistoryEntry[];
}

/**
 * Every event of a declaration, oldest first: what, who, when, at which stage, what changed. The
 * auditor's view adds the notices sent about it (GetDeclarationHistory in libs/audit).
 */
export class GetHistory extends Query<HistoryView> {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
  ) {
    super();
  }
}

@QueryHandler(GetHistory)
export class GetHistoryHandler implements IQueryHandler<GetHistory> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly names: Names,
  ) {}

  async execute({ actor, declarationId }: GetHistory): Promise<HistoryView> {
    const { events, version } = await loadReadable(this.stream, actor, declarationId);
    const names = await this.names.users(events.map((e) => e.metadata.actorId));
    return { declarationId, version, entries: historyOf(replay(events), names) };
  }
}

export function historyOf(steps: readonly ReplayStep[], names: ReadonlyMap<string, UserName>): HistoryEntry[] {
  return steps.map(({ event, before, after }) => {
    const { metadata } = event;
    const data = event.data as { comment?: string | null; reason?: string } & Review;
    const named = new Map(before?.content.indicators.map((i) => [i.id, i.name]));
    return {
      version: event.streamVersion,
      globalPosition: event.globalPosition.toString(),
      type: event.type,
      recordedAt: event.recordedAt.toISOString(),
      actor: {
        id: metadata.actorId,
        username: names.get(metadata.actorId)?.username ?? null,
        displayName: names.get(metadata.actorId)?.displayName ?? null,
        role: metadata.role,
        unit: metadata.unit ?? null,
      },
      stage: { before: before?.workflow.status ?? null, after: after.workflow.status },
      // An amendment opens revision n+1 and rejecting one falls back to n: either way the
      // event belongs to the higher of the two.
      revision: Math.max(before?.revision ?? 0, after.revision),
      comment: data.comment ?? data.reason ?? null,
      opinions: (data.opinions ?? []).map(({ indicatorId, opinion }) => ({
        indicatorId,
        indicatorName: named.get(indicatorId) ?? null,
        opinion,
      })),
      grade: data.grade ?? null,
      // Diffing the states (not reading `changes` off the event) also shows what a drafted
      // event set and what a rejected amendment rolled back.
      changes: contentChanges(before?.content ?? null, after.content),
      correlationId: metadata.correlationId ?? null,
      commandId: metadata.commandId ?? null,
      hash: event.hash,
      previousHash: event.previousHash,
    };
  });
}
