import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
import type { Language } from '@app/platform';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { ReaderLanguage } from '../http/language.js';
import { openApiBody, validated } from '../http/validation.js';
import { Answers, Fails, IDEMPOTENCY_KEY_HEADER, IF_MATCH_HEADER, QueryFrom } from '../openapi/decorators.js';
import { declarationIdPipe, DeclarationChanges } from './declaration-http.js';
import { checksViewSchema, declarationViewSchema, revisionsSchema } from './declaration.responses.js';
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
  @ApiOperation({
    summary: '起草申报表 · Draft a declaration',
    description: 'A preparer drafts for their own unit; an admin names the unit (id or name).',
  })
  @ApiBody(openApiBody(createDeclarationSchema))
  @IDEMPOTENCY_KEY_HEADER
  @Answers(201, declarationViewSchema, 'The new draft', ['etag', 'location', 'logPosition', 'replayed'])
  @Fails(400, 403, 413, 422)
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
    return this.changes.answer(actor, result, request, response, 201);
  }

  @Get(':id')
  @ApiOperation({
    summary: '查看申报表 · A declaration',
    description: 'Now, or as it stood at ?version=n or ?asOf=<ISO time>. Read from the log itself.',
  })
  @QueryFrom(readQuerySchema, { version: 'A stream version', asOf: 'An ISO time with offset' })
  @Answers(200, declarationViewSchema, 'The declaration', ['etag'])
  @Fails(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) declarationId: string,
    @Query(validated(readQuerySchema)) at: { version?: number; asOf?: string },
    @ReaderLanguage() language: Language,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    const asOf = at.asOf === undefined ? undefined : new Date(at.asOf);
    const query = new GetDeclaration(actor, declarationId, { version: at.version, asOf }, language);
    const view = await this.queries.execute(query);
    response.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改草稿 · Revise basic information, funds or goals of a draft' })
  @ApiBody(openApiBody(reviseDeclarationSchema))
  @IF_MATCH_HEADER
  @IDEMPOTENCY_KEY_HEADER
  @Answers(200, declarationViewSchema, 'The revised draft', ['etag', 'logPosition', 'replayed'])
  @Fails(400, 403, 404, 409, 412, 413, 422, 428)
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
  @ApiOperation({
    summary: '送审前检查 · The pre-review checks',
    description: 'Blocking findings (强制性审核) stop submission; warnings (提示性审核) travel to the reviewer.',
  })
  @Answers(200, checksViewSchema, 'The findings of the year’s rule set')
  @Fails(404)
  checks(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) declarationId: string,
    @ReaderLanguage() language: Language,
  ): Promise<ChecksView> {
    return this.queries.execute(new GetChecks(actor, declarationId, language));
  }

  @Get(':id/revisions')
  @ApiOperation({ summary: '历次版本 · Every revision; confirmed ones stay on record after an amendment' })
  @Answers(200, revisionsSchema, 'Oldest first')
  @Fails(404)
  revisions(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) declarationId: string,
  ): Promise<RevisionView[]> {
    return this.queries.execute(new GetRevisions(actor, declarationId));
  }

  @Post(':id/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: '流程操作 · A workflow action: submit, withdraw, approve, return, reject, amend or discard',
    description:
      'submit: a draft to departmental review (422 with the blocking findings). withdraw: before the first reviewer acts. ' +
      'approve: at the current stage (the finance bureau’s approval confirms). return, reject (不予通过) and amend ' +
      '(opens revision n+1 of a confirmed declaration) need the reason in comment. approve, return and reject take ' +
      'opinions per indicator row and, at departmental review, a grade (评审等级). discard (作废): a draft never ' +
      'submitted, by a preparer of its unit or an admin, with the reason in comment (409 once submitted).',
  })
  @ApiParam({ name: 'action', enum: WORKFLOW_ACTIONS })
  @ApiBody(openApiBody(actionSchema))
  @IF_MATCH_HEADER
  @IDEMPOTENCY_KEY_HEADER
  @Answers(200, declarationViewSchema, 'The declaration after the action', ['etag', 'logPosition', 'replayed'])
  @Fails(400, 403, 404, 409, 412, 413, 422, 428)
  act(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) declarationId: string,
    @Param('action', workflowAction) name: WorkflowActionName,
    @Body(validated(actionSchema)) body: ActionBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.changes.execute(actor, declarationId, changeOf(name, body), request, response, body);
  }
}
