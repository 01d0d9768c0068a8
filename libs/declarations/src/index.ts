// The declarations lib's public face: its Nest module, commands, queries and the pure domain.
export { ChangeDeclaration, type Change } from './commands/change-declaration.js';
export { DraftDeclaration } from './commands/draft-declaration.js';
export type { Envelope, MutationResult } from './commands/mutation.js';
export { DeclarationStream, streamOf } from './declaration-stream.js';
export { contentView, DeclarationViews, type DeclarationView } from './declaration-view.js';
export { DeclarationsModule } from './declarations.module.js';
export * from './domain/index.js';
export {
  GetChecks,
  GetDeclaration,
  GetRevisions,
  type ChecksView,
  type RevisionView,
} from './queries/get-declaration.js';
export { RuleSets } from './rule-sets.js';
export { mayRead } from './visibility.js';
