import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { GetDeclarationHistory, type DeclarationHistoryView } from '@app/audit';
import { GetDiff, type DiffView } from '@app/declarations';
import { AppError } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { CurrentActor } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { diffQuerySchema, type DiffQuery } from './history.schemas.js';

// As in DeclarationsController: a malformed id names nothing, so 404 like one outside the scope.
const id = new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', 'Declaration not found') });

/**
 * A declaration's past, for anyone who may read the declaration (same scope as
 * GET /declarations/:id; outside it, 404). `?version=` and `?asOf=` live on that route.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('declarations')
export class DeclarationHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event, oldest first: who, when, at which stage and revision, what changed' })
  history(@CurrentActor() actor: Actor, @Param('id', id) declarationId: string): Promise<DeclarationHistoryView> {
    return this.queries.execute(new GetDeclarationHistory(actor, declarationId));
  }

  @Get(':id/diff')
  @ApiOperation({ summary: 'What changed between two versions (?from=n&to=m; to defaults to the current one)' })
  @ApiQuery({ name: 'from', type: Number, required: true })
  @ApiQuery({ name: 'to', type: Number, required: false })
  diff(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Query(validated(diffQuerySchema)) query: DiffQuery,
  ): Promise<DiffView> {
    return this.queries.execute(new GetDiff(actor, declarationId, query.from, query.to));
  }
}
