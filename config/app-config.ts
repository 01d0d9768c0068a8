import { join } from 'node:path';
import { type z } from 'zod';
import { loadCalendars, type Calendars } from './calendars.js';
import { envSchema, type Env } from './env.schema.js';
import { fileSecret, randomSecret } from './secrets.js';
import {
  deadlineSettings,
  noticeSettings,
  noticesProblems,
  type DeadlineSettings,
  type NoticeSettings,
} from './notices.env.js';

/** Typed, grouped settings handed to the processes (and injectable as a class token). */
export class AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly http: { port: number; bodyLimit: string };
  readonly database: {
    /** The service role's: the api's and the worker's connections. */
    url: string;
    /** The owner role's, for migrations (then the service role is granted its rights); null: `url` does both. */
    ownerUrl: string | null;
    /** A superuser's, to create the roles and the database (`npm start`, `npm run migrate`); null: they exist. */
    adminUrl: string | null;
    poolSize: number;
    migrationsRun: boolean;
  };
  readonly redis: { url: string; queuePrefix: string };
  /** Secrets outside the database: the signing key's file (made on first start outside production). */
  readonly secrets: { directory: string; signingKeyFile: string; retiredSigningKeyFiles: readonly string[] };
  /** Signed checkpoints of the log: where they are published, how often the worker makes one (0: never). */
  readonly checkpoints: { directory: string; intervalMs: number };
  readonly auth: {
    tokenSecret: string;
    tokenTtlSeconds: number;
    /** The console's session cookie: idle time after which it ends (re-issued on activity). */
    sessionIdleSeconds: number;
    /** Failed sign-ins allowed per username and per client address (0: no address limit) in the window. */
    login: { maxFailuresPerUsername: number; maxFailuresPerIp: number; windowSeconds: number };
  };
  readonly log: { level: Env['LOG_LEVEL'] };
  readonly shutdownTimeoutMs: number;
  readonly healthTimeoutMs: number;
  /** Per-year pre-review rule overrides (`<year>.json`), relative to the working directory. */
  readonly checksDirectory: string;
  /** The worker threads that read uploaded files of 申报表 (libs/imports). */
  readonly importReading: { threads: number; timeoutMs: number; maxQueued: number; memoryMb: number };
  /** The built console (index.html and assets), relative to the working directory. */
  readonly consoleDirectory: string;
  /** The budget calendars (config/calendars/<year>.json), read and checked at boot. */
  readonly calendars: Calendars;
  readonly deadlines: DeadlineSettings;
  readonly notices: NoticeSettings;

  constructor(env: Env, calendars: Calendars, tokenSecret: string) {
    this.env = env.NODE_ENV;
    this.http = { port: env.PORT, bodyLimit: env.BODY_LIMIT };
    this.database = {
      ...databaseUrls(env),
      poolSize: env.DATABASE_POOL_SIZE,
      migrationsRun: env.MIGRATIONS_RUN,
    };
    this.redis = { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX };
    this.secrets = {
      directory: env.SECRETS_DIR,
      signingKeyFile: env.SIGNING_KEY_FILE ?? join(env.SECRETS_DIR, 'signing-key.pem'),
      retiredSigningKeyFiles: env.SIGNING_RETIRED_KEY_FILES,
    };
    this.checkpoints = { directory: env.CHECKPOINT_DIR, intervalMs: env.CHECKPOINT_INTERVAL * 1000 };
    this.auth = {
      tokenSecret,
      tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
      sessionIdleSeconds: env.SESSION_IDLE_SECONDS,
      login: {
        maxFailuresPerUsername: env.LOGIN_MAX_FAILURES_PER_USERNAME,
        maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
      },
    };
    this.log = { level: env.LOG_LEVEL };
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_MS;
    this.healthTimeoutMs = env.HEALTH_TIMEOUT_MS;
    this.checksDirectory = env.CHECKS_DIR;
    this.importReading = {
      threads: env.IMPORT_READ_THREADS,
      timeoutMs: env.IMPORT_READ_TIMEOUT_MS,
      maxQueued: env.IMPORT_READ_QUEUE,
      memoryMb: env.IMPORT_READ_MEMORY_MB,
    };
    this.consoleDirectory = env.CONSOLE_DIR;
    this.calendars = calendars;
    this.deadlines = deadlineSettings(env);
    this.notices = noticeSettings(env);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOCAL_SERVER = 'postgres://127.0.0.1:5432';

/** The database URLs: as given, or the two local roles with the superuser to create them. */
function databaseUrls(env: Env): { url: string; ownerUrl: string | null; adminUrl: string | null } {
  const adminUrl = env.DATABASE_ADMIN_URL ?? null;
  if (env.DATABASE_URL !== undefined)
    return { url: env.DATABASE_URL, ownerUrl: env.DATABASE_OWNER_URL ?? null, adminUrl };
  const local = (role: string, database = 'pta') => LOCAL_SERVER.replace('//', `//${role}@`) + `/${database}`;
  return {
    url: local('pta_service'),
    ownerUrl: env.DATABASE_OWNER_URL ?? local('pta_owner'),
    adminUrl: adminUrl ?? (env.NODE_ENV === 'production' ? null : local('postgres', 'postgres')),
  };
}

/** Validates the environment once; a bad value names its variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(describeIssue));
  }
  const production = parsed.data.NODE_ENV === 'production';
  const missing = production
    ? (['TOKEN_SECRET', 'SIGNING_KEY_FILE'] as const).filter((name) => parsed.data[name] === undefined)
    : [];
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required when NODE_ENV=production`));
  const together = noticesProblems(parsed.data);
  if (together.length > 0) throw new ConfigError(together);
  // The budget calendars are settings too: a year served without a valid file stops the process here.
  const calendars = loadCalendars(parsed.data.CALENDARS_DIR, parsed.data.BUDGET_YEARS);
  if ('problems' in calendars) throw new ConfigError(calendars.problems);
  // Outside production an unset secret is made once, at random, and kept beside the signing key:
  // a secret in the repository would let anyone sign an admin's token.
  const tokenSecret =
    parsed.data.TOKEN_SECRET ?? fileSecret(join(parsed.data.SECRETS_DIR, 'token-secret'), randomSecret).value;
  return new AppConfig(parsed.data, calendars, tokenSecret);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

/** Boot entry: reads `.env` from the working directory when present, then validates. */
export function loadConfigFromEnvironment(): AppConfig {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return loadConfig(process.env);
}

/** For process entry points: a bad setting ends the process with a message naming the variable. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfigFromEnvironment();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}
