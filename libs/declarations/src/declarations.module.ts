import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { Clock, IdGenerator, RandomIdGenerator, SystemClock } from '@app/platform';
import { ChangeDeclarationHandler } from './commands/change-declaration.js';
import { DraftDeclarationHandler } from './commands/draft-declaration.js';
import { DeclarationStream } from './declaration-stream.js';
import { DeclarationViews } from './declaration-view.js';
import { ActorNames } from './queries/actor-names.js';
import { GetChecksHandler, GetDeclarationHandler, GetRevisionsHandler } from './queries/get-declaration.js';
import { GetDiffHandler } from './queries/get-diff.js';
import { GetHistoryHandler } from './queries/get-history.js';
import { RuleSets } from './rule-sets.js';

/** The declaration's whole life behind the command and query buses. */
@Module({
  imports: [CqrsModule, EventStoreModule, IdentityModule],
  providers: [
    {
      provide: RuleSets,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => RuleSets.fromDirectory(config.checksDirectory),
    },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: RandomIdGenerator },
    DeclarationStream,
    DeclarationViews,
    DraftDeclarationHandler,
    ChangeDeclarationHandler,
    GetDeclarationHandler,
    GetChecksHandler,
    GetRevisionsHandler,
    ActorNames,
    GetHistoryHandler,
    GetDiffHandler,
  ],
  exports: [DeclarationStream, DeclarationViews, RuleSets, Clock, IdGenerator],
})
export class DeclarationsModule {}
