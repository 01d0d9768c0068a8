import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AppError, type FieldError, say } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { DeclarationStream } from '../declaration-stream.js';
import { contentView, type ContentView } from '../declaration-view.js';
import type { Status } from '../domain/index.js';
import { contentChanges, type FieldChange } from './field-changes.js';
import { loadReadable, replay, type ReplayStep } from './replay.js';

export interface VersionSide {
  version: number;
  revision: number;
  state: Status;
  recordedAt: string;
  content: ContentView;
}

export interface DiffView {
  declarationId: string;
  /** The declaration's current version, the upper bound of `from` and `to`. */
  currentVersion: number;
  from: VersionSide;
  to: VersionSide;
  changes: FieldChange[];
}

/** What changed on the form between two stream versions; `to` defaults to the current one. */
export class GetDiff extends Query<DiffView> {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
    readonly from: number,
    readonly to?: number,
  ) {
    super();
  }
}

@QueryHandler(GetDiff)
export class GetDiffHandler implements IQueryHandler<GetDiff> {
  constructor(private readonly stream: DeclarationStream) {}

  async execute({ actor, declarationId, from, to }: GetDiff): Promise<DiffView> {
    // Visibility first: someone outside the scope gets 404 whatever versions they ask for.
    const { events, version: current } = await loadReadable(this.stream, actor, declarationId);
    const until = to ?? current;
    const errors = [outOfRange('from', from, current), outOfRange('to', until, current)].filter((e) => e !== null);
    if (errors.length > 0) {
      throw new AppError('VALIDATION_FAILED', say('declaration.versionsRange', { current }), errors, {
        currentVersion: current,
      });
    }
    if (from > until) {
      throw new AppError('VALIDATION_FAILED', say('declaration.fromAfterTo'), [
        { path: 'from', code: 'FROM_AFTER_TO', message: say('field.FROM_AFTER_TO') },
      ]);
    }
    const steps = replay(events);
    const [older, newer] = [steps[from - 1]!, steps[until - 1]!];
    return {
      declarationId,
      currentVersion: current,
      from: sideOf(older),
      to: sideOf(newer),
      changes: contentChanges(older.after.content, newer.after.content),
    };
  }
}

function outOfRange(path: 'from' | 'to', version: number, current: number): FieldError | null {
  if (version >= 1 && version <= current) return null;
  return { path, code: 'VERSION_OUT_OF_RANGE', message: say('field.VERSION_OUT_OF_RANGE', { current }) };
}

function sideOf({ event, after }: ReplayStep): VersionSide {
  return {
    version: event.streamVersion,
    revision: after.revision,
    state: after.workflow.status,
    recordedAt: event.recordedAt.toISOString(),
    content: contentView(after.content),
  };
}
