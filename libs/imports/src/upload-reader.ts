import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { RuleSets } from '@app/declarations';
import type { FormFileCaps } from '@app/forms';
import {
  AppError,
  WorkerPool,
  WorkerPoolBusyError,
  WorkerTaskError,
  WorkerTimeoutError,
  type FieldError,
  say,
  type Text,
} from '@app/platform';
import type { ReadTask } from './read-worker.js';
import type { FormRead, RulesByYear, UploadRead } from './read-upload.js';

/** A file's forms, read and checked, and the hash that makes its import idempotent. */
export interface FileRead {
  fileSha256: string;
  forms: FormRead[];
}

/**
 * Reads files of 申报表 in a pool of worker threads (IMPORT_READ_*), so a large or hostile
 * file never holds up the event loop: the caps are checked while reading (libs/forms), a file
 * still being read after the time limit has its thread terminated, and each refusal is an
 * AppError with the cap's code and path.
 */
@Injectable()
export class UploadReader implements OnModuleDestroy {
  private readonly pool: WorkerPool<ReadTask, UploadRead>;

  constructor(
    private readonly config: AppConfig,
    private readonly rules: RuleSets,
  ) {
    const { threads, timeoutMs, maxQueued, memoryMb } = config.importReading;
    this.pool = new WorkerPool({
      script: new URL('./read-worker.js', import.meta.url),
      size: threads,
      timeoutMs,
      maxQueued,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
  }

  /** The file's forms; throws AppError when it is refused (400 unreadable, 413 over a cap, 429 busy). */
  async read(bytes: Uint8Array, caps?: FormFileCaps): Promise<FileRead> {
    // The rule sets as they are now, handed over with each file (a thread has no Nest of its own).
    const rules: RulesByYear = Object.fromEntries(this.rules.years().map((year) => [year, this.rules.forYear(year)]));
    const task: ReadTask = caps ? { bytes, rules, caps } : { bytes, rules };
    const outcome = await this.pool.run(task).catch((error: unknown) => {
      throw refusalOfThread(error, this.config.importReading);
    });
    if (outcome.kind === 'read') return { fileSha256: outcome.fileSha256, forms: outcome.forms };
    if (outcome.kind === 'cells') throw new AppError('VALIDATION_FAILED', say('import.cellsTooLong'), outcome.errors);
    const { code, words: message, formIndex, cap } = outcome;
    if (cap) {
      throw new AppError('PAYLOAD_TOO_LARGE', say('import.overCap'), [{ path: cap.path, code, message }], {
        cap: cap.name,
        limit: cap.limit,
      });
    }
    const path = formIndex === null ? 'file' : `forms[${formIndex - 1}]`;
    throw new AppError('VALIDATION_FAILED', say('import.unreadable'), [{ path, code, message }]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}

function refusalOfThread(error: unknown, limits: AppConfig['importReading']): Error {
  const overCap = (code: string, cap: string, limit: number, message: Text) => {
    const errors: FieldError[] = [{ path: 'file', code, message }];
    return new AppError('PAYLOAD_TOO_LARGE', say('import.overCap'), errors, { cap, limit });
  };
  if (error instanceof WorkerTimeoutError) {
    const seconds = limits.timeoutMs / 1000;
    return overCap(
      'FORM_FILE_READ_TIME_OVER_CAP',
      'readTimeMs',
      limits.timeoutMs,
      say('import.readTooLong', { seconds }),
    );
  }
  if (error instanceof WorkerTaskError && error.outOfMemory) {
    const message = say('import.readTooBig', { megabytes: limits.memoryMb });
    return overCap('FORM_FILE_READ_MEMORY_OVER_CAP', 'readMemoryMb', limits.memoryMb, message);
  }
  if (error instanceof WorkerPoolBusyError) {
    return new AppError('TOO_MANY_REQUESTS', say('import.readersBusy'), [], { retryAfterSeconds: 5 });
  }
  return error instanceof Error ? error : new Error(String(error));
}
