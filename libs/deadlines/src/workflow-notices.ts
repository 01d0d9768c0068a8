import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { AppConfig } from '@app/config';
import {
  declarationIdOf,
  DeclarationStream,
  evolve,
  isStage,
  stageEnteredBy,
  type Declaration,
  type DeclarationEvent,
  type DeclarationEventType,
  type Stage,
} from '@app/declarations';
import type { StoredEvent } from '@app/event-store';
import { Names } from '@app/identity';
import { NoticeLog } from '@app/notices';
import type { LogConsumer } from '@app/projections';
import { Recipients, type Recipient } from './recipients.js';
import { declarationLink, workflowMessage, type WorkflowFacts, type WorkflowNoticeKind } from './workflow-messages.js';

const KIND_OF: Partial<Record<DeclarationEventType, WorkflowNoticeKind>> = {
  DeclarationReturned: 'returned',
  DeclarationRejected: 'rejected',
  DeclarationConfirmed: 'confirmed',
  SubmissionWithdrawn: 'withdrawn',
  AmendmentOpened: 'amendment-opened',
};

/** The notice an event of a declaration's stream calls for, if any: every stage entry is a 待办到达. */
export function workflowNoticeKindOf(type: DeclarationEventType): WorkflowNoticeKind | null {
  return stageEnteredBy(type) ? 'arrival' : (KIND_OF[type] ?? null);
}

/** Declarations told about at once in a batch: a few of the pool's connections, not all. */
const CONCURRENCY = 4;

type Opinion = { indicatorId: string; opinion: string };
type EventData = { by: string; stage?: Stage; reason?: string; comment?: string | null; dueAt?: string | null };

/**
 * Tells people about each step of the workflow, from the log, with its own checkpoint (a log
 * consumer: never rebuilt, so a rebuild sends nothing). Each notice's key is (kind, declaration,
 * version of the event, recipient): a batch applied again after a crash, or two workers, append
 * nothing the second time. Who is told is read from the declaration as it stood at the event
 * (the workflow's own guards), among the people active when the notice is sent.
 */
@Injectable()
export class WorkflowNotices implements LogConsumer {
  readonly name = 'workflow-notices';
  readonly tables = [] as const;

  constructor(
    private readonly stream: DeclarationStream,
    private readonly recipients: Recipients,
    private readonly names: Names,
    private readonly log: NoticeLog,
    private readonly config: AppConfig,
  ) {}

  /**
   * Declarations are independent: a few are told about at once (each on its own connection), a
   * declaration's own events in order.
   */
  async apply(_db: QueryRunner, events: readonly StoredEvent[]): Promise<void> {
    const byDeclaration = new Map<string, { kind: WorkflowNoticeKind; event: StoredEvent }[]>();
    for (const event of events) {
      const declarationId = declarationIdOf(event.streamId);
      const kind = declarationId ? workflowNoticeKindOf(event.type as DeclarationEventType) : null;
      if (!declarationId || !kind) continue;
      byDeclaration.set(declarationId, [...(byDeclaration.get(declarationId) ?? []), { kind, event }]);
    }
    const queue = [...byDeclaration.entries()];
    const work = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        for (const { kind, event } of next[1]) await this.notify(next[0], kind, event);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, work));
  }

  /** Sends the event's notices; answers how many were new. */
  async notify(declarationId: string, kind: WorkflowNoticeKind, event: StoredEvent): Promise<number> {
    const loaded = await this.stream.load(declarationId, { toVersion: event.streamVersion });
    if (!loaded || loaded.version !== event.streamVersion) return 0;
    const before = loaded.events
      .slice(0, -1)
      .reduce<Declaration | null>((s, e) => evolve(s, { type: e.type, data: e.data } as DeclarationEvent), null);
    const after = loaded.state;
    const data = event.data as EventData;
    const stage = stageOf(kind, data, before, after);
    const people = (await this.whoIsTold(kind, stage, before, after)).filter((p) => p.userId !== data.by);
    if (people.length === 0) return 0;
    const message = workflowMessage(kind, await this.facts(after, before, stage, data));
    let sent = 0;
    for (const person of people) {
      const result = await this.log.send({
        key: `${kind}:${declarationId}:${event.streamVersion}:${person.userId}`,
        kind,
        recipientId: person.userId,
        recipientHasEmail: person.email !== null,
        ...message,
        declarationId,
        stage,
        dueAt: kind === 'arrival' ? (data.dueAt ?? null) : null,
        items: [],
        link: declarationLink(this.config.notices.publicUrl, declarationId),
      });
      if (result.sent) sent += 1;
    }
    return sent;
  }

  private async whoIsTold(
    kind: WorkflowNoticeKind,
    stage: Stage | null,
    before: Declaration | null,
    after: Declaration,
  ): Promise<Recipient[]> {
    switch (kind) {
      case 'arrival':
        return stage ? this.recipients.mayActAt(after, stage) : [];
      case 'withdrawn':
        // Those who had it in their queue: who could act at the stage it was withdrawn from.
        return before && stage ? this.recipients.mayActAt(before, stage) : [];
      case 'amendment-opened':
        return this.recipients.active('department_reviewer', after.departmentId);
      default: {
        const submitter = before && 'submittedBy' in before.workflow ? [before.workflow.submittedBy] : [];
        const people = [
          ...(await this.recipients.activeUsers(submitter)),
          ...(await this.recipients.preparersOf(after.unitId)),
        ];
        return [...new Map(people.map((p) => [p.userId, p])).values()];
      }
    }
  }

  private async facts(
    state: Declaration,
    before: Declaration | null,
    stage: Stage | null,
    data: EventData,
  ): Promise<WorkflowFacts> {
    const names = await this.names.of({ units: [state.unitId], users: [data.by] });
    const actor = names.user(data.by);
    const rows = before?.content.indicators ?? state.content.indicators;
    const opinions = ((data as { opinions?: Opinion[] }).opinions ?? []).map((o) => ({
      indicator: rows.find((row) => row.id === o.indicatorId)?.name ?? o.indicatorId,
      opinion: o.opinion,
    }));
    return {
      id: state.id,
      projectName: state.content.projectName,
      unitName: names.unit(state.unitId) ?? state.unitId,
      year: state.content.year,
      stage,
      actorName: actor?.displayName || actor?.username || '系统',
      reason: data.reason ?? data.comment ?? null,
      dueAt: data.dueAt ?? null,
      revision: state.revision,
      opinions,
      link: declarationLink(this.config.notices.publicUrl, state.id),
    };
  }
}

/** The stage a notice names: entered, returned or rejected at, confirmed at, withdrawn from. */
function stageOf(
  kind: WorkflowNoticeKind,
  data: EventData,
  before: Declaration | null,
  after: Declaration,
): Stage | null {
  const status = (kind === 'withdrawn' ? before : after)?.workflow.status;
  switch (kind) {
    case 'returned':
    case 'rejected':
      return data.stage ?? null;
    case 'confirmed':
      return before && isStage(before.workflow.status) ? before.workflow.status : 'finance_confirmation';
    case 'amendment-opened':
      return null;
    default:
      return status !== undefined && isStage(status) ? status : null;
  }
}
