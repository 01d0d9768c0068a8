import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditTrail, type VerifyView } from '@app/audit';
import { Roles } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { exportQuerySchema, verifyQuerySchema, type ExportQuery, type VerifyQuery } from './audit.schemas.js';
import { sendTrail } from './trail-response.js';

/** The whole log, across every unit: auditors and admins only, and nothing here writes. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chains (all, or ?declarationId=) and report every broken link' })
  @ApiQuery({ name: 'declarationId', required: false })
  verify(@Query(validated(verifyQuerySchema)) query: VerifyQuery): Promise<VerifyView> {
    return this.trail.verify(query.declarationId);
  }

  @Get('export')
  @ApiOperation({ summary: 'The trail, streamed as JSON lines or CSV (?from=&to= ISO times, to exclusive)' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['jsonl', 'csv'] })
  @ApiProduces('application/x-ndjson', 'text/csv')
  async export(@Query(validated(exportQuerySchema)) query: ExportQuery, @Res() response: Response): Promise<void> {
    const range = {
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    };
    await sendTrail(response, query.format, this.trail.pages(range));
  }
}
