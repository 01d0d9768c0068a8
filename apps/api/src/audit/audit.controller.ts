import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditTrail, type VerifyView } from '@app/audit';
import { Roles } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import { verifyViewSchema } from './audit.responses.js';
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
  @ApiOperation({ summary: '校验哈希链 · Recompute the hash chains (all, or ?declarationId=); every broken link' })
  @QueryFrom(verifyQuerySchema)
  @Answers(200, verifyViewSchema, 'What was checked and what is broken')
  @Fails(400, 403)
  verify(@Query(validated(verifyQuerySchema)) query: VerifyQuery): Promise<VerifyView> {
    return this.trail.verify(query.declarationId);
  }

  @Get('export')
  @ApiOperation({ summary: '导出审计记录 · The trail, streamed as JSON lines or CSV (from inclusive, to exclusive)' })
  @QueryFrom(exportQuerySchema, { from: 'ISO time, inclusive', to: 'ISO time, exclusive' })
  @Answers(200, { file: ['application/x-ndjson', 'text/csv'] }, 'The trail as a download')
  @Fails(400, 403)
  async export(@Query(validated(exportQuerySchema)) query: ExportQuery, @Res() response: Response): Promise<void> {
    const range = {
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    };
    await sendTrail(response, query.format, this.trail.pages(range));
  }
}
