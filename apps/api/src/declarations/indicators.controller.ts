import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { DeclarationView, IndicatorFields } from '@app/declarations';
import type { Actor } from '@app/identity/roles';
import { CurrentActor } from '../auth/decorators.js';
import { openApiBody, validated } from '../http/validation.js';
import { Answers, Fails, IDEMPOTENCY_KEY_HEADER, IF_MATCH_HEADER } from '../openapi/decorators.js';
import { declarationIdPipe, DeclarationChanges } from './declaration-http.js';
import { declarationViewSchema } from './declaration.responses.js';
import { indicatorSchema, reviseIndicatorSchema } from './declaration.schemas.js';

/** A draft's indicators, by their stable ids. */
@ApiTags('declarations')
@ApiBearerAuth()
@Controller('declarations/:id/indicators')
export class IndicatorsController {
  constructor(private readonly changes: DeclarationChanges) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '添加指标 · Add an indicator to a draft' })
  @ApiBody(openApiBody(indicatorSchema))
  @IF_MATCH_HEADER
  @IDEMPOTENCY_KEY_HEADER
  @Answers(200, declarationViewSchema, 'The draft with the indicator', ['etag', 'logPosition', 'replayed'])
  @Fails(400, 403, 404, 409, 412, 413, 422, 428)
  add(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) id: string,
    @Body(validated(indicatorSchema)) indicator: IndicatorFields,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.changes.execute(actor, id, { type: 'AddIndicator', indicator }, request, response, indicator);
  }

  @Patch(':indicatorId')
  @ApiOperation({ summary: '修改指标 · Revise an indicator of a draft' })
  @ApiBody(openApiBody(reviseIndicatorSchema))
  @IF_MATCH_HEADER
  @IDEMPOTENCY_KEY_HEADER
  @Answers(200, declarationViewSchema, 'The draft', ['etag', 'logPosition', 'replayed'])
  @Fails(400, 403, 404, 409, 412, 413, 422, 428)
  revise(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) id: string,
    @Param('indicatorId') indicatorId: string,
    @Body(validated(reviseIndicatorSchema)) changes: Partial<IndicatorFields>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.changes.execute(
      actor,
      id,
      { type: 'ReviseIndicator', indicatorId, changes },
      request,
      response,
      changes,
    );
  }

  @Delete(':indicatorId')
  @ApiOperation({ summary: '删除指标 · Remove an indicator from a draft' })
  @IF_MATCH_HEADER
  @IDEMPOTENCY_KEY_HEADER
  @Answers(200, declarationViewSchema, 'The draft', ['etag', 'logPosition', 'replayed'])
  @Fails(403, 404, 409, 412, 422, 428)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', declarationIdPipe) id: string,
    @Param('indicatorId') indicatorId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeclarationView> {
    return this.changes.execute(actor, id, { type: 'RemoveIndicator', indicatorId }, request, response, null);
  }
}
