import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from '@app/config';
import { CalendarModule } from '@app/calendar';
import { EventStoreModule } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { IdGenerator, RandomIdGenerator } from '@app/platform';
import { ChangeDeclarationHandler } from './commands/change-declaration.js';
import { DraftDeclarationHandler, DraftDeclarationsHandler, Drafting } from './commands/draft-declaration.js';
import { DeclarationStream } from './declaration-stream.js';
import { DeclarationViews } from './declaration-view.js';
import { GetChecksHandler, GetDeclarationHandler, GetRevisionsHandler } from './queries/get-declaration.js';
import { GetDiffHandler } from './queries/get-diff.js';
import { GetHistoryHandler } from './queries/get-history.js';
import { RuleSets } from './rule-sets.js';

/**
 * The declaration's whole life behind the command and query buses. The Clock comes from the
 * process (ClockModule.forRoot in its root module), so tests can move time for every part at once.
 */
@Module({
  imports: [CqrsModule, EventStoreModule, IdentityModule, CalendarModule],
  providers: [
    {
      provide: RuleSets,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => RuleSets.fromDirectory(config.checksDirectory),
    },
    { provide: IdGenerator, useClass: RandomIdGenerator },
    DeclarationStream,
    DeclarationViews,
    Drafting,
    DraftDeclarationHandler,
    DraftDeclarationsHandler,
    ChangeDeclarationHandler,
    GetDeclarationHandler,
    GetChecksHandler,
    GetRevisionsHandler,
    GetHistoryHandler,
    GetDiffHandler,
  ],
  exports: [DeclarationStream, DeclarationViews, RuleSets, IdGenerator],
})
export class DeclarationsModule {}
