import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { RuleSets } from '@app/declarations';
import { FormFileError } from '@app/forms';
import { Authentication, type Caller } from '@app/identity';
import {
  checkedParseOutput,
  FormImporter,
  ImportsModule,
  readFormFile,
  reportView,
  type ImportOptions,
} from '@app/imports';
import { AppError, ClockModule, requestContext, say, render } from '@app/platform';

export const FORMS_USAGE = `usage: npm run cli -- forms parse <file>
       npm run cli -- forms import <file> [--as <username>] [--skip-duplicates] [--only-mine]

  parse   prints the forms of a text export as JSON (amounts in yuan), with the reader's findings
          and the year's pre-review checks; touches no database
  import  drafts every form as a declaration of its unit (all or nothing if the file is bad);
          the same file again creates nothing. Progress on stderr, the report (JSON) on stdout.
          --as: the user to act as (default: the first active admin)
          --skip-duplicates: leave out forms matching an existing declaration of the same unit,
            year and project name (by default they are imported and flagged possibleDuplicateOf)
          --only-mine: import only the --as preparer's unit's forms, report the rest as notYours
`;

/** Where the CLI writes; tests pass their own. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}
const STDIO: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

// sysexits: usage, bad data, no input.
const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_NOINPUT = 66;

/** `npm run cli -- forms parse|import <file>`; answers the exit code. */
export async function forms(config: AppConfig, args: string[], io: Output = STDIO): Promise<number> {
  // `forms parse … | head` closes stdout early: the reader has seen enough, that is no crash.
  if (io === STDIO)
    process.stdout.once('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
  let parsed: { values: { as?: string; 'skip-duplicates'?: boolean; 'only-mine'?: boolean }; positionals: string[] };
  try {
    const options = {
      as: { type: 'string' },
      'skip-duplicates': { type: 'boolean' },
      'only-mine': { type: 'boolean' },
    } as const;
    parsed = parseArgs({ args, options, allowPositionals: true });
  } catch (error) {
    return failed(io, (error as Error).message, [FORMS_USAGE], EX_USAGE);
  }
  const [subcommand, path, ...extra] = parsed.positionals;
  if ((subcommand !== 'parse' && subcommand !== 'import') || !path || extra.length > 0) {
    return failed(
      io,
      subcommand ? `unknown or incomplete command: forms ${args.join(' ')}` : 'forms what?',
      [FORMS_USAGE],
      EX_USAGE,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return failed(io, `cannot read ${path}: ${(error as Error).message}`, [], EX_NOINPUT);
  }
  const options: ImportOptions = {
    duplicates: parsed.values['skip-duplicates'] ? 'skip' : 'flag',
    onlyMine: parsed.values['only-mine'] ?? false,
  };
  return subcommand === 'parse'
    ? parse(config, bytes, path, io)
    : importForms(config, bytes, path, { username: parsed.values.as, options }, io);
}

async function parse(config: AppConfig, bytes: Buffer, path: string, io: Output): Promise<number> {
  const rules = RuleSets.fromDirectory(config.checksDirectory);
  try {
    // Findings in Chinese, as the forms and the people who read them are.
    const output = checkedParseOutput(await readFormFile(bytes), (year) => rules.forYear(year), 'zh');
    io.out(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof FormFileError)) throw error;
    return failed(io, `${path} is not a readable export of 申报表`, [`${error.code}: ${error.message}`], EX_DATAERR);
  }
}

async function importForms(
  config: AppConfig,
  bytes: Buffer,
  path: string,
  { username, options }: { username: string | undefined; options: ImportOptions },
  io: Output,
): Promise<number> {
  const context = await openImporter(config);
  let started = false;
  try {
    const caller = await callerFor(context.get(DataSource), username);
    const importer = context.get(FormImporter);
    const plan = await importer.prepare(bytes, basename(path), caller.actor, options);
    io.err(`importing ${plan.forms.length} forms of ${path} (sha256 ${plan.fileSha256}) as ${caller.username}\n`);
    // One correlation id for the whole run: every event of this import carries it.
    started = true;
    const correlation = { correlationId: `cli-import-${randomUUID()}`, actorId: caller.actor.userId };
    const report = await requestContext.run(correlation, () =>
      importer.run(plan, caller.actor, (done, total, form) =>
        io.err(`[${done}/${total}] ${form.projectName} … ${form.status}\n`),
      ),
    );
    io.out(`${JSON.stringify(reportView(report, 'zh'), null, 2)}\n`);
    const again = report.created === 0 && report.skipped > 0 ? ': this file was imported before, nothing new' : '';
    const leftOut = [
      report.duplicates > 0 ? `, ${report.duplicates} left out as possible duplicates` : '',
      report.notYours.length > 0 ? `, ${report.notYours.length} not yours` : '',
    ].join('');
    io.err(`${report.created} created, ${report.skipped} skipped${leftOut}${again}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const hint = error.errors.some((e) => e.code === 'UNKNOWN_UNIT') ? ['(have you run npm run cli -- seed?)'] : [];
    const details = [
      ...error.errors.map((e) => `${e.path ? `${e.path} ` : ''}${e.code}: ${render(e.message, 'en')}`),
      ...hint,
    ];
    // Before the run nothing is written; a failure midway keeps what is in (run the file again).
    const outcome = started ? 'run the same file again to complete the import' : 'nothing was imported';
    return failed(io, `${error.message}; ${outcome}`, details, error.code === 'VALIDATION_FAILED' ? EX_DATAERR : 1);
  } finally {
    await context.close();
  }
}

@Module({})
class FormsCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: FormsCliModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(),
        DatabaseModule.forRoot('pta-cli'),
        CqrsModule.forRoot(),
        ImportsModule,
      ],
    };
  }
}

/** The import use case in-process (no Redis, no worker), on the migrated database. */
export async function openImporter(config: AppConfig): Promise<INestApplicationContext> {
  // logger off: stdout carries the report; abortOnError off: a failed start throws instead of exiting.
  const context = await NestFactory.createApplicationContext(FormsCliModule.forRoot(config), {
    logger: false,
    abortOnError: false,
  });
  return context.init();
}

/** The named active user, or the first active admin; the use case decides what they may import. */
async function callerFor(db: DataSource, username: string | undefined): Promise<Caller> {
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM users WHERE active AND ($1::text IS NULL AND role = 'admin' OR lower(username) = lower($1))
     ORDER BY created_at LIMIT 1`,
    [username ?? null],
  );
  const caller = rows[0] ? await new Authentication(db).findCaller(rows[0].id) : null;
  if (caller) return caller;
  throw new AppError(
    'NOT_FOUND',
    username === undefined ? say('user.noAdminToImportAs') : say('user.notActive', { username }),
  );
}

function failed(io: Output, message: string, details: string[], exitCode: number): number {
  io.err(`error: ${message}\n${details.map((line) => `  ${line.trimEnd()}\n`).join('')}`);
  return exitCode;
}
