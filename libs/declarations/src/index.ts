// The declarations lib's public face: its Nest module, commands, queries and the pure domain.
export { ChangeDeclaration, type Change } from './commands/change-declaration.js';
export { DraftDeclaration, DraftDeclarations } from './commands/draft-declaration.js';
export type { CommandResult, Envelope } from './commands/mutation.js';
export { DeclarationStream } from './declaration-stream.js';
export {
  contentView,
  DeclarationViews,
  type DeclarationView,
  type GradeView,
  type OpinionView,
} from './declaration-view.js';
export { DeclarationsModule } from './declarations.module.js';
export * from './domain/index.js';
export {
  GetChecks,
  GetDeclaration,
  GetRevisions,
  type ChecksView,
  type RevisionView,
} from './queries/get-declaration.js';
export { GetDiff, type DiffView, type VersionSide } from './queries/get-diff.js';
export { GetHistory, type HistoryEntry, type HistoryView } from './queries/get-history.js';
export { contentChanges, type FieldChange } from './queries/field-changes.js';
export { RuleSets } from './rule-sets.js';
export { mayRead } from './visibility.js';
export { CreateDeclarationReadModels1764241200000 } from './migrations/1764241200000-create-declaration-read-models.js';
export { AddDueAt1764252000000 } from './migrations/1764252000000-add-due-at.js';
export { ReadModelIndexes1764288000000 } from './migrations/1764288000000-read-model-indexes.js';
export { ConfirmedRevisionTotals1796700200000 } from './migrations/1796700200000-confirmed-revision-totals.js';
export { ListAuthorsSubmitters1796700300000 } from './migrations/1796700300000-list-authors-submitters.js';
export { ReturnOpinions1796700500000 } from './migrations/1796700500000-return-opinions.js';
export { DropIndicatorNameIndex1796702100000 } from './migrations/1796702100000-drop-indicator-name-index.js';
export { ProjectNameIndex1796702200000 } from './migrations/1796702200000-project-name-index.js';
export { DuplicateLookupOrder1796702400000 } from './migrations/1796702400000-duplicate-lookup-order.js';
export {
  rowsOf,
  type ActionRow,
  type DeclarationRows,
  type IndicatorRow,
  type ListRow,
} from './projections/declaration-rows.js';
export { DeclarationsProjection } from './projections/declarations-projection.js';
export {
  GetInbox,
  GetInboxHandler,
  INBOX_QUEUES,
  INBOX_SORTS,
  type InboxFilter,
  type InboxPage,
  type InboxQueue,
  type InboxSort,
} from './read-models/inbox.js';
export type { InboxItem } from './read-models/inbox-items.js';
export { mayReviewSql, type PersonSql } from './read-models/may-review.js';
export { ListIndicators, type IndicatorFilter, type IndicatorItem } from './read-models/indicator-table.js';
export { LIST_SORTS, ListDeclarations, type ListFilter, type ListPage } from './read-models/list-declarations.js';
export type { ListItem } from './read-models/list-items.js';
export { DeclarationReadModelsModule } from './read-models/read-models.module.js';
export { GetStatistics, type Statistics, type StatsFilter } from './read-models/statistics.js';
