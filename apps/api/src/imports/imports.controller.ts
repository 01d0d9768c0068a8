import { randomUUID } from 'node:crypto';
import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@app/identity/roles';
import { FormImporter, type ImportOptions } from '@app/imports';
import { AppError, requestContext, say, type Language } from '@app/platform';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { ReaderLanguage } from '../http/language.js';
import { validated } from '../http/validation.js';
import { Answers, Fails, QueryFrom } from '../openapi/decorators.js';
import { ImportQueue, type ImportStatusView } from './import-queue.js';
import { acceptedImportSchema, importQuerySchema, importStatusSchema, type ImportQuery } from './imports.responses.js';

/** Larger files get 413 before any of them is read (BODY_LIMIT covers JSON bodies only). */
export const IMPORT_FILE_LIMIT_BYTES = 10 * 1024 * 1024;

/** The part of multer's file we use (multer keeps it in memory: no temporary files to clean up). */
interface UploadedFormFile {
  buffer: Buffer;
  originalname: string;
}

export interface AcceptedImport {
  id: string;
  status: 'queued';
  total: number;
  /** Forms that will not be drafted: possible duplicates with duplicates=skip. */
  duplicates: number;
  /** Other units' forms left out by only=mine. */
  notYours: number;
  location: string;
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly importer: FormImporter,
    private readonly queue: ImportQueue,
  ) {}

  /**
   * The whole file is read, its units resolved and the caller's right to import each form
   * checked before anything is queued: a bad file is answered at once (400/403) and never written.
   */
  @Post()
  @HttpCode(202)
  @Roles('preparer', 'admin')
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: IMPORT_FILE_LIMIT_BYTES, files: 1 }, defParamCharset: 'utf8' }),
  )
  @ApiOperation({ summary: '导入申报表 · Import a file of 申报表 as drafts (follow location for progress)' })
  @QueryFrom(importQuerySchema, {
    duplicates: 'skip: leave out forms matching an existing declaration of the same unit, year and project name',
    only: 'mine: import only your unit’s forms of a wider file, report the rest as notYours (default: refuse it whole)',
  })
  @Answers(202, acceptedImportSchema, 'Read, checked and queued', ['location'])
  @Fails(400, 403, 413, 429)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  async create(
    @CurrentActor() actor: Actor,
    @Query(validated(importQuerySchema)) query: ImportQuery,
    @UploadedFile() file: UploadedFormFile | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedImport> {
    if (!file) {
      throw new AppError('VALIDATION_FAILED', say('import.noFile'), [
        { path: 'file', code: 'REQUIRED', message: say('field.noFile') },
      ]);
    }
    const fileName = file.originalname || null;
    const options: ImportOptions = { duplicates: query.duplicates, onlyMine: query.only === 'mine' };
    const plan = await this.importer.prepare(file.buffer, fileName, actor, options);
    const importId = randomUUID();
    await this.queue.enqueue(importId, {
      file: file.buffer.toString('base64'),
      fileName,
      userId: actor.userId,
      correlationId: requestContext.current()?.correlationId ?? null,
      total: plan.forms.length,
      options,
    });
    const location = `/imports/${importId}`;
    response.setHeader('Location', location);
    const duplicates = plan.forms.filter((form) => form.skipAsDuplicate).length;
    const total = plan.forms.length;
    return { id: importId, status: 'queued', total, duplicates, notYours: plan.notYours.length, location };
  }

  @Get(':id')
  @ApiOperation({ summary: '导入进度 · An import’s progress and, once completed, its report (uploader and admins)' })
  @Answers(200, importStatusSchema, 'Progress and report')
  @Fails(404)
  status(
    @CurrentActor() actor: Actor,
    // A malformed id names no import: 404, like one the caller may not see.
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new AppError('NOT_FOUND', say('import.notFound')) }))
    importId: string,
    @ReaderLanguage() language: Language,
  ): Promise<ImportStatusView> {
    return this.queue.status(importId, actor, language);
  }
}
