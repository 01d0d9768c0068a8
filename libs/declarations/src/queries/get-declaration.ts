import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AppError, say, type Language } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { DeclarationStream, type DeclarationAt } from '../declaration-stream.js';
import { contentView, DeclarationViews, type ContentView, type DeclarationView } from '../declaration-view.js';
import { findingsOf, findingViews, type FindingView } from '../domain/index.js';
import { RuleSets } from '../rule-sets.js';
import { mayRead } from '../visibility.js';

/** A declaration the actor may see, now or as it stood; anything else is 404 so ids cannot be probed. */
async function loadVisible(
  stream: DeclarationStream,
  actor: Actor,
  id: string,
  options?: { toVersion?: number; asOf?: Date },
): Promise<DeclarationAt> {
  const loaded = await stream.stateAt(id, options);
  if (!loaded || !mayRead(actor, loaded.state)) throw new AppError('NOT_FOUND', say('declaration.notFound'));
  return loaded;
}

/** The declaration now, or exactly as it stood at a version or a moment; its findings in `language`. */
export class GetDeclaration extends Query<DeclarationView> {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
    readonly at: { version?: number; asOf?: Date } = {},
    readonly language: Language = 'zh',
  ) {
    super();
  }
}

@QueryHandler(GetDeclaration)
export class GetDeclarationHandler implements IQueryHandler<GetDeclaration> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly views: DeclarationViews,
  ) {}

  async execute({ actor, declarationId, at, language }: GetDeclaration): Promise<DeclarationView> {
    const loaded = await loadVisible(this.stream, actor, declarationId, { toVersion: at.version, asOf: at.asOf });
    if (at.version !== undefined && at.version > loaded.version) {
      throw new AppError('VALIDATION_FAILED', say('declaration.versionNotYet', { version: at.version }), [
        {
          path: 'version',
          code: 'VERSION_OUT_OF_RANGE',
          message: say('field.VERSION_OUT_OF_RANGE', { current: loaded.version }),
        },
      ]);
    }
    return this.views.of(loaded.state, loaded.version, language);
  }
}

export interface ChecksView {
  declarationId: string;
  version: number;
  year: number;
  blocking: number;
  warnings: number;
  findings: FindingView[];
}

/** The pre-review checks of the year's rule set, run on the declaration as it is now, in `language`. */
export class GetChecks extends Query<ChecksView> {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
    readonly language: Language = 'zh',
  ) {
    super();
  }
}

@QueryHandler(GetChecks)
export class GetChecksHandler implements IQueryHandler<GetChecks> {
  constructor(
    private readonly stream: DeclarationStream,
    private readonly rules: RuleSets,
  ) {}

  async execute({ actor, declarationId, language }: GetChecks): Promise<ChecksView> {
    const { state, version } = await loadVisible(this.stream, actor, declarationId);
    const findings = findingsOf(state, this.rules.forYear(state.content.year));
    return {
      declarationId,
      version,
      year: state.content.year,
      blocking: findings.filter((f) => f.severity === 'blocking').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      findings: findingViews(findings, language),
    };
  }
}

export interface RevisionView extends ContentView {
  declarationId: string;
  revision: number;
  /** confirmed or rejected once over; otherwise the state of the open revision. */
  status: string;
  closedBy: string | null;
  closedAt: string | null;
}

/** Every revision: the confirmed ones stay on record after an amendment opens the next. */
export class GetRevisions extends Query<RevisionView[]> {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
  ) {
    super();
  }
}

@QueryHandler(GetRevisions)
export class GetRevisionsHandler implements IQueryHandler<GetRevisions> {
  constructor(private readonly stream: DeclarationStream) {}

  async execute({ actor, declarationId }: GetRevisions): Promise<RevisionView[]> {
    const { state } = await loadVisible(this.stream, actor, declarationId);
    const closed = state.closedRevisions.map((r) => ({
      declarationId,
      revision: r.revision,
      status: r.outcome,
      closedBy: r.by,
      closedAt: r.at,
      ...contentView(r.content),
    }));
    const open = closed.some((r) => r.revision === state.revision)
      ? []
      : [
          {
            declarationId,
            revision: state.revision,
            status: state.workflow.status,
            closedBy: null,
            closedAt: null,
            ...contentView(state.content),
          },
        ];
    return [...closed, ...open].sort((a, b) => a.revision - b.revision);
  }
}
