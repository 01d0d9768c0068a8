import { Body, Controller, Delete, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { DeclarationView, IndicatorFields } from '@app/declarations';
import type { Actor } from '@app/identity/roles';
import { CurrentActor } from '../auth/decorators.js';
import { openApiBody, validated } from '../http/validation.js';
import { declarationIdPipe, DeclarationChanges, IDEMPOTENCY_KEY, IF_MATCH } from './declaration-http.js';
import { indicatorSchema, reviseIndicatorSchema } from './declaration.schemas.js';

/** A draft's indicators, by their stable ids. */
@ApiTags('declarations')
@ApiBearerAuth()
@Controller('declarations/:id/indicators')
export class IndicatorsController {
  constructor(private readonly changes: DeclarationChanges) {}

  @Post()
  @ApiOperation({ summary: 'Add an indicator to a draft' })
  @ApiBody(openApiBody(indicatorSchema))
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
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
  @ApiOperation({ summary: 'Revise an indicator of a draft' })
  @ApiBody(openApiBody(reviseIndicatorSchema))
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
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
  @ApiOperation({ summary: 'Remove an indicator from a draft' })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
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
