import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  DraftDeclaration,
  GetChecks,
  GetDeclaration,
  GetRevisions,
  type ChecksView,
  type DeclarationView,
  type RevisionView,
} from '@app/declarations';
import type { Actor } from '@app/identity/roles';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { openApiBody, validated } from '../http/validation.js';
import { declarationIdPipe, DeclarationChanges, IDEMPOTENCY_KEY, IF_MATCH } from './declaration-http.js';
import {
  actionSchema,
  createDeclarationSchema,
  readQuerySchema,
  reviseDeclarationSchema,
  type ActionBody,
  type CreateDeclarationBody,
  type ReviseDeclarationBody,
} from './declaration.schemas.js';
import { draftContentOf, reviseCommandOf } from './declaration-input.js';
import { envelopeOf } from './mutation-headers.js';
import { UnitResolver } from './unit-resolver.js';
import { changeOf, WORKFLOW_ACTIONS, workflowAction, type WorkflowActionName } from './workflow-actions.js';

@ApiTags('declarations')
@ApiBearerAuth()
@Controller('declarations')
export class DeclarationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly units: UnitResolver,
    private readonly changes: DeclarationChanges,
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
    response.setHeader('Location', `/declarations/${result.declarationId}`);
    return this.changes.answer(actor, result, response, 201);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The declaration; ?version=n or ?asOf=<ISO time> for how it stood then' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) declarationId: string,
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
    @Param('id', declarationIdPipe) declarationId: string,
    @Body(validated(reviseDeclarationSchema)) body: ReviseDeclarationBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.changes.execute(actor, declarationId, reviseCommandOf(body), request, response, body);
  }

  @Get(':id/checks')
  @ApiOperation({ summary: 'The pre-review checks: blocking findings stop submission, warnings go to the reviewer' })
  checks(@CurrentActor() actor: Actor, @Param('id', declarationIdPipe) declarationId: string): Promise<ChecksView> {
    return this.queries.execute(new GetChecks(actor, declarationId));
  }

  @Get(':id/revisions')
  @ApiOperation({ summary: 'Every revision: confirmed ones stay on record after an amendment' })
  revisions(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) declarationId: string,
  ): Promise<RevisionView[]> {
    return this.queries.execute(new GetRevisions(actor, declarationId));
  }

  @Post(':id/:action')
  @ApiOperation({
    summary: 'A workflow action: submit, withdraw, approve, return, reject or amend',
    description:
      'submit: a draft to departmental review (422 with the blocking findings). withdraw: before the first reviewer acts. ' +
      'approve: at the current stage (the finance bureau’s approval confirms). return, reject (不予通过) and amend ' +
      '(opens revision n+1 of a confirmed declaration) need the reason in comment.',
  })
  @ApiParam({ name: 'action', enum: WORKFLOW_ACTIONS })
  @ApiBody(openApiBody(actionSchema))
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  act(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) declarationId: string,
    @Param('action', workflowAction) name: WorkflowActionName,
    @Body(validated(actionSchema)) body: ActionBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.changes.execute(actor, declarationId, changeOf(name, body.comment ?? null), request, response, body);
  }
}
