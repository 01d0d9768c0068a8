import { z } from 'zod';
import { noticesEnv } from './notices.env.js';

/**
 * Every setting the service reads, in one place. `process.env` is read nowhere else:
 * the processes call `loadConfig()` once at boot and inject the typed result.
 */
const port = z.coerce.number().int().min(0).max(65535);
const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL');
const redisUrl = z
  .string()
  .url()
  .refine((v) => /^rediss?:\/\//.test(v), 'must be a redis:// URL');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3000),
  // The api and worker connect as DATABASE_URL's role (the service role: SELECT/INSERT on the log);
  // migrations run as DATABASE_OWNER_URL's (the owner), which then grants the service role what it
  // needs (libs/database/src/roles.ts). Without DATABASE_OWNER_URL, DATABASE_URL does both. When
  // neither is set: pta_service and pta_owner on the local server, created by `npm start` as the
  // superuser DATABASE_ADMIN_URL (by default, outside production, postgres by trust auth).
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_OWNER_URL: postgresUrl.optional(),
  DATABASE_ADMIN_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379/0'),
  QUEUE_PREFIX: z.string().min(1).max(64).default('pta'),
  // Where secrets made on first start live outside production (git-ignored); production provides each.
  SECRETS_DIR: z.string().min(1).default('.secrets'),
  // Ed25519 private key (PKCS#8 PEM) that proves events and signs checkpoints; <SECRETS_DIR>/signing-key.pem by default.
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  // Earlier signing keys (PKCS#8 PEM files, comma-separated) after a rotation: they still check what they proved and signed.
  SIGNING_RETIRED_KEY_FILES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== ''),
    ),
  // Where signed checkpoints are published, one file each, never rewritten (an audit office copies them away).
  CHECKPOINT_DIR: z.string().min(1).default('checkpoints'),
  // Seconds between checkpoints (made only when the log grew); 0 turns the worker's schedule off.
  CHECKPOINT_INTERVAL: z.coerce.number().int().min(0).max(86_400).default(60),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(8 * 3600),
  // The console's session cookie ends after this long without a request.
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1_800),
  // Brute-force limit on POST /auth/token: failures per username and per client address within a sliding window.
  LOGIN_MAX_FAILURES_PER_USERNAME: z.coerce.number().int().min(1).max(1_000).default(5),
  // 0 turns the per-address limit off (e.g. when every client arrives through one proxy address).
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(0).max(100_000).default(20),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MIGRATIONS_RUN: bool.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1_000),
  CHECKS_DIR: z.string().min(1).default('config/checks'),
  // Uploads of 申报表 are read in worker threads: how many, how long one file may take, how many wait.
  IMPORT_READ_THREADS: z.coerce.number().int().min(1).max(16).default(2),
  IMPORT_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  IMPORT_READ_QUEUE: z.coerce.number().int().min(0).max(1_000).default(16),
  IMPORT_READ_MEMORY_MB: z.coerce.number().int().min(64).max(8_192).default(512),
  // The built console (npm run build), served at /console.
  CONSOLE_DIR: z.string().min(1).default('dist/web'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/i, 'must look like 1mb or 512kb')
    .default('1mb'),
  // Deadlines and notices: config/calendars/, reminder timing, webhook and SMTP delivery.
  ...noticesEnv,
});

export type Env = z.infer<typeof envSchema>;
