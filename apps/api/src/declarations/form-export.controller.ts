import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { GetDeclaration, RuleSets, type DeclarationView } from '@app/declarations';
import { workbookOf, type FormSheet } from '@app/forms';
import { AppError, say } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { CurrentActor } from '../auth/decorators.js';
import { validated } from '../http/validation.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import { readQuerySchema } from './declaration.schemas.js';
import { attachmentOf, fileNameOf, formSheetOf, type FileName } from './form-sheet-of.js';
import { UnitDeclarations } from './unit-declarations.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const unitYearSchema = z
  .object({
    unit: z.string().trim().min(1, 'Name the unit (id or name)').max(200),
    year: z
      .string()
      .regex(/^\d{4}$/u, 'A budget year such as 2025')
      .transform(Number)
      .pipe(z.number().int().min(2000).max(2100)),
  })
  .strict();
type UnitYear = z.infer<typeof unitYearSchema>;

/**
 * The official 申报表 as .xlsx. Its module is registered before DeclarationsHttpModule: Express
 * matches routes in registration order, and `GET /declarations/:id` would take `form.xlsx` for an id.
 */
@ApiTags('declarations')
@ApiBearerAuth()
@Controller('declarations')
export class FormExportController {
  constructor(
    private readonly queries: QueryBus,
    private readonly unitDeclarations: UnitDeclarations,
    private readonly rules: RuleSets,
  ) {}

  @Get('form.xlsx')
  @ApiOperation({ summary: '导出单位申报表 · The forms of one unit and year you may read, one sheet each' })
  @QueryFrom(unitYearSchema, { unit: 'Unit id or name', year: 'The budget year, e.g. 2025' })
  @Answers(200, { file: [XLSX] }, 'The workbook')
  @Fails(400, 404)
  async unitWorkbook(
    @CurrentActor() actor: Actor,
    @Query(validated(unitYearSchema)) query: UnitYear,
  ): Promise<StreamableFile> {
    const { unit, views } = await this.unitDeclarations.readable(actor, query.unit, query.year);
    if (views.length === 0) {
      throw new AppError('NOT_FOUND', say('declaration.noneOfUnit', { unit: unit.name, year: query.year }));
    }
    return this.xlsxFile(views.map(formSheetOf), fileNameOf(unit, query.year));
  }

  @Get(':id/form.xlsx')
  @ApiOperation({ summary: '导出申报表 · The declaration as the official form (?version= or ?asOf= as it stood)' })
  @QueryFrom(readQuerySchema)
  @Answers(200, { file: [XLSX] }, 'The workbook', ['etag'])
  @Fails(400, 404)
  async declarationForm(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) declarationId: string,
    @Query(validated(readQuerySchema)) at: { version?: number; asOf?: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const asOf = at.asOf === undefined ? undefined : new Date(at.asOf);
    const view: DeclarationView = await this.queries.execute(
      new GetDeclaration(actor, declarationId, { version: at.version, asOf }),
    );
    response.setHeader('ETag', `"${view.version}"`);
    return this.xlsxFile(
      [formSheetOf(view)],
      fileNameOf(view.unit, view.year, { id: view.id, name: view.projectName }),
    );
  }

  /** Each form's indicators in the order of its year's taxonomy, as the rule set in force has it. */
  private async xlsxFile(forms: FormSheet[], name: FileName): Promise<StreamableFile> {
    const bytes = await workbookOf(forms, { taxonomyOf: (year) => this.rules.forYear(year).taxonomy });
    return new StreamableFile(bytes, { type: XLSX, disposition: attachmentOf(name), length: bytes.length });
  }
}

// A malformed id names no declaration: 404, as on GET /declarations/:id.
function notFound(): AppError {
  return new AppError('NOT_FOUND', say('declaration.notFound'));
}
