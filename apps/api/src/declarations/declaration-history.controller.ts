import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetDeclarationHistory, GetReceipt, type DeclarationHistoryView, type Receipt } from '@app/audit';
import { GetDiff, type DiffView } from '@app/declarations';
import { AppError, say } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { CurrentActor } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { historyViewSchema, receiptSchema } from '../audit/audit.responses.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import { diffViewSchema } from './declaration.responses.js';
import { diffQuerySchema, type DiffQuery } from './history.schemas.js';

// As in DeclarationsController: a malformed id names nothing, so 404 like one outside the scope.
const id = new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', say('declaration.notFound')) });

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
  @ApiOperation({
    summary: '历史记录 · Every event, oldest first',
    description: 'Who, when, at which stage and revision, the comment, what changed field by field, the hashes.',
  })
  @Answers(200, historyViewSchema, 'The history, with the notices sent about it')
  @Fails(404)
  history(@CurrentActor() actor: Actor, @Param('id', id) declarationId: string): Promise<DeclarationHistoryView> {
    return this.queries.execute(new GetDeclarationHistory(actor, declarationId));
  }

  @Get(':id/receipt')
  @Header('Content-Disposition', 'attachment; filename="receipt.json"')
  @ApiOperation({
    summary: '批复回执 · A confirmed declaration’s receipt, checked offline with `audit verify-receipt`',
    description:
      'The confirming event as stored, its RFC 9162 inclusion proof and the signed checkpoint it leads to. 409 DECLARATION_NOT_CONFIRMED before confirmation.',
  })
  @Answers(200, receiptSchema, 'The receipt (keep the file as it is: one byte changed and it no longer verifies)')
  @Fails(404, 409)
  receipt(@CurrentActor() actor: Actor, @Param('id', id) declarationId: string): Promise<Receipt> {
    return this.queries.execute(new GetReceipt(actor, declarationId));
  }

  @Get(':id/diff')
  @ApiOperation({ summary: '版本比较 · What changed between two versions (to defaults to the current one)' })
  @QueryFrom(diffQuerySchema)
  @Answers(200, diffViewSchema, 'Both versions and the field changes between them')
  @Fails(400, 404)
  diff(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Query(validated(diffQuerySchema)) query: DiffQuery,
  ): Promise<DiffView> {
    return this.queries.execute(new GetDiff(actor, declarationId, query.from, query.to));
  }
}
