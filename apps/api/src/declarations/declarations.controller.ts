import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ChangeDeclaration,
  DraftDeclaration,
  GetChecks,
  GetDeclaration,
  GetRevisions,
  type Actor,
  type Change,
  type ChecksView,
  type DeclarationView,
  type IndicatorFields,
  type RevisionView,
} from '@app/declarations';
import { AppError } from '@app/platform';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { openApiBody, validated } from '../http/validation.js';
import {
  actionSchema,
  createDeclarationSchema,
  indicatorSchema,
  readQuerySchema,
  reviseDeclarationSchema,
  reviseIndicatorSchema,
  type ActionBody,
  type CreateDeclarationBody,
  type ReviseDeclarationBody,
} from './declaration.schemas.js';
import { draftContentOf, reviseCommandOf } from './declaration-input.js';
import { envelopeOf, expectedVersionOf, reply } from './mutation-headers.js';
import { UnitResolver } from './unit-resolver.js';

// A malformed id cannot name a declaration: 404, like any id outside the caller's scope.
const id = new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', 'Declaration not found') });

const IF_MATCH = { name: 'If-Match', required: true, description: 'The version you are changing (the ETag)' };
const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer' };

const ApiActionHeaders = () =>
  applyDecorators(ApiBody(openApiBody(actionSchema)), ApiHeader(IF_MATCH), ApiHeader(IDEMPOTENCY_KEY));

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('declarations')
export class DeclarationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly units: UnitResolver,
  ) {}

  @Post()
  @Roles('preparer', 'admin')
  @ApiOperation({ summary: 'Draft a declaration (201, ETag = version)' })
  @ApiBody(openApiBody(createDeclarationSchema))
  @ApiHeader(IDEMPOTENCY_KEY)
  async create(
    @CurrentActor() actor: Actor,
    @Body(validated(createDeclarationSchema)) body: CreateDeclarationBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    const unitId = await this.units.unitFor(actor, body.unit);
    const command = new DraftDeclaration(
      actor,
      unitId,
      draftContentOf(body),
      { kind: 'typed' },
      envelopeOf(request, body),
    );
    const result = await this.commands.execute(command);
    response.setHeader('Location', `/declarations/${result.body.id}`);
    return reply(response, result);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The declaration; ?version=n or ?asOf=<ISO time> for how it stood then' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Query(validated(readQuerySchema)) at: { version?: number; asOf?: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    const asOf = at.asOf === undefined ? undefined : new Date(at.asOf);
    const view = await this.queries.execute(new GetDeclaration(actor, declarationId, { version: at.version, asOf }));
    response.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Revise basic information, funds or goals of a draft' })
  @ApiBody(openApiBody(reviseDeclarationSchema))
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  revise(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Body(validated(reviseDeclarationSchema)) body: ReviseDeclarationBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.change(actor, declarationId, reviseCommandOf(body), request, response, body);
  }

  @Post(':id/indicators')
  @ApiOperation({ summary: 'Add an indicator to a draft' })
  @ApiBody(openApiBody(indicatorSchema))
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  addIndicator(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Body(validated(indicatorSchema)) indicator: IndicatorFields,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.change(actor, declarationId, { type: 'AddIndicator', indicator }, request, response, indicator);
  }

  @Patch(':id/indicators/:indicatorId')
  @ApiOperation({ summary: 'Revise an indicator of a draft' })
  @ApiBody(openApiBody(reviseIndicatorSchema))
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  reviseIndicator(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Param('indicatorId') indicatorId: string,
    @Body(validated(reviseIndicatorSchema)) changes: Partial<IndicatorFields>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.change(
      actor,
      declarationId,
      { type: 'ReviseIndicator', indicatorId, changes },
      request,
      response,
      changes,
    );
  }

  @Delete(':id/indicators/:indicatorId')
  @ApiOperation({ summary: 'Remove an indicator from a draft' })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  removeIndicator(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Param('indicatorId') indicatorId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.change(actor, declarationId, { type: 'RemoveIndicator', indicatorId }, request, response, null);
  }

  @Get(':id/checks')
  @ApiOperation({ summary: 'The pre-review checks: blocking findings stop submission, warnings go to the reviewer' })
  checks(@CurrentActor() actor: Actor, @Param('id', id) declarationId: string): Promise<ChecksView> {
    return this.queries.execute(new GetChecks(actor, declarationId));
  }

  @Get(':id/revisions')
  @ApiOperation({ summary: 'Every revision: confirmed ones stay on record after an amendment' })
  revisions(@CurrentActor() actor: Actor, @Param('id', id) declarationId: string): Promise<RevisionView[]> {
    return this.queries.execute(new GetRevisions(actor, declarationId));
  }

  private async change(
    actor: Actor,
    declarationId: string,
    change: Change,
    request: Request,
    response: Response,
    body: unknown,
  ): Promise<DeclarationView> {
    const command = new ChangeDeclaration(
      actor,
      declarationId,
      change,
      expectedVersionOf(request),
      envelopeOf(request, body),
    );
    return reply(response, await this.commands.execute(command));
  }

  @Post(':id/submit')
  @ApiOperation({ summary: 'Submit a draft for departmental review (422 with the blocking findings)' })
  @ApiActionHeaders()
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Body(validated(actionSchema)) body: ActionBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.change(
      actor,
      declarationId,
      { type: 'SubmitDeclaration', comment: body.comment ?? null },
      request,
      response,
      body,
    );
  }

  @Post(':id/withdraw')
  @ApiOperation({ summary: 'Withdraw a submission before the first reviewer acts' })
  @ApiActionHeaders()
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Body(validated(actionSchema)) body: ActionBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.change(
      actor,
      declarationId,
      { type: 'WithdrawSubmission', comment: body.comment ?? null },
      request,
      response,
      body,
    );
  }

  @Post(':id/approve')
  @ApiOperation({ summary: 'Approve at the current stage (the finance bureau’s approval confirms)' })
  @ApiActionHeaders()
  approve(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Body(validated(actionSchema)) body: ActionBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.change(
      actor,
      declarationId,
      { type: 'ApproveDeclaration', comment: body.comment ?? null },
      request,
      response,
      body,
    );
  }

  @Post(':id/return')
  @ApiOperation({ summary: 'Return to the unit as a draft; the reason goes in comment' })
  @ApiActionHeaders()
  return(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Body(validated(actionSchema)) body: ActionBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.change(
      actor,
      declarationId,
      { type: 'ReturnDeclaration', reason: body.comment ?? '' },
      request,
      response,
      body,
    );
  }

  @Post(':id/reject')
  @ApiOperation({ summary: 'Reject (不予通过); the reason goes in comment' })
  @ApiActionHeaders()
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Body(validated(actionSchema)) body: ActionBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.change(
      actor,
      declarationId,
      { type: 'RejectDeclaration', reason: body.comment ?? '' },
      request,
      response,
      body,
    );
  }

  @Post(':id/amend')
  @ApiOperation({ summary: 'Open an amendment (revision n+1) of a confirmed declaration; the reason goes in comment' })
  @ApiActionHeaders()
  amend(
    @CurrentActor() actor: Actor,
    @Param('id', id) declarationId: string,
    @Body(validated(actionSchema)) body: ActionBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.change(
      actor,
      declarationId,
      { type: 'OpenAmendment', reason: body.comment ?? '' },
      request,
      response,
      body,
    );
  }
}
