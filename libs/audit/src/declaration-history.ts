import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetHistory } from '@app/declarations';
import { Names } from '@app/identity';
import type { Actor } from '@app/identity/roles';
import { NoticeLog } from '@app/notices';
import { withNotices, type AuditedHistoryEntry } from './notice-history.js';

export interface DeclarationHistoryView {
  declarationId: string;
  version: number;
  entries: AuditedHistoryEntry[];
}

/**
 * What an auditor replays of a declaration: every event of it, oldest first (GetHistory), and the
 * deadline notices sent about it, from their own streams, merged in by the time they were recorded.
 */
export class GetDeclarationHistory extends Query<DeclarationHistoryView> {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
  ) {
    super();
  }
}

@QueryHandler(GetDeclarationHistory)
export class GetDeclarationHistoryHandler implements IQueryHandler<GetDeclarationHistory> {
  constructor(
    private readonly queries: QueryBus,
    private readonly notices: NoticeLog,
    private readonly names: Names,
  ) {}

  async execute({ actor, declarationId }: GetDeclarationHistory): Promise<DeclarationHistoryView> {
    // GetHistory decides who may read it (404 otherwise) before any notice is read.
    const history = await this.queries.execute(new GetHistory(actor, declarationId));
    const notices = await this.notices.aboutDeclaration(declarationId);
    const recipients = notices.flatMap((e) => ('recipientId' in e.data ? [e.data.recipientId] : []));
    const names = await this.names.users([...notices.map((e) => e.metadata.actorId), ...recipients]);
    return { ...history, entries: withNotices(history.entries, notices, names) };
  }
}
