import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `500ms`, `30s`, `15m`, `16h`, `2d` → milliseconds (tests compress durations to milliseconds). */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration like 500ms, 30s, 15m, 16h or 2d')
  .transform((v) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h|d)$/.exec(v)!;
    return Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  });
const years = z
  .string()
  .regex(/^\d{4}(,\s*\d{4})*$/, 'must be years separated by commas, like 2025,2026')
  .transform((v) => [...new Set(v.split(',').map((y) => Number(y.trim())))].sort());
const webUrl = (scheme: RegExp, message: string) =>
  z
    .string()
    .url()
    .refine((v) => scheme.test(v), message);

/** Deadlines, reminders and the delivery of notices (merged into the environment schema). */
export const noticesEnv = {
  CALENDARS_DIR: z.string().min(1).default('config/calendars'),
  BUDGET_YEARS: years.default([2025, 2026, 2027]),
  REMINDER_LEAD: duration.default(16 * 3_600_000),
  ESCALATION_DELAY: duration.default(24 * 3_600_000),
  WEBHOOK_URL: webUrl(/^https?:\/\//, 'must be an http(s):// URL').optional(),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SMTP_URL: webUrl(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).optional(),
  NOTICE_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  NOTICE_DELIVERY_BACKOFF: duration.default(30_000),
  PUBLIC_URL: webUrl(/^https?:\/\//, 'must be an http(s):// URL')
    .transform((v) => v.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
};

export const noticesEnvSchema = z.object(noticesEnv);
type NoticesEnv = z.output<typeof noticesEnvSchema>;

export interface DeadlineSettings {
  /** How long before a stage's due time its reminder goes out. */
  reminderLeadMs: number;
  /** How long after the due time an untouched stage is escalated. */
  escalationDelayMs: number;
}

export interface NoticeSettings {
  /** Every notice is POSTed here too, signed with HMAC-SHA256 of the body. */
  webhook: { url: string; secret: string; timeoutMs: number } | null;
  /** Notices are also e-mailed to recipients who have an address. */
  smtp: { url: string; from: string } | null;
  /** Each delivery is tried this often, waiting backoffMs × 2^(attempt-1) in between. */
  delivery: { attempts: number; backoffMs: number };
  /** Where people reach the service (no trailing slash): links in notices start here. */
  publicUrl: string;
}

export function deadlineSettings(env: NoticesEnv): DeadlineSettings {
  return { reminderLeadMs: env.REMINDER_LEAD, escalationDelayMs: env.ESCALATION_DELAY };
}

export function noticeSettings(env: NoticesEnv): NoticeSettings {
  return {
    webhook: env.WEBHOOK_URL
      ? { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET!, timeoutMs: env.WEBHOOK_TIMEOUT_MS }
      : null,
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM! } : null,
    delivery: { attempts: env.NOTICE_DELIVERY_ATTEMPTS, backoffMs: env.NOTICE_DELIVERY_BACKOFF },
    publicUrl: env.PUBLIC_URL,
  };
}

/** Settings that only make sense together. */
export function noticesProblems(env: NoticesEnv): string[] {
  const problems: string[] = [];
  if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET: required when WEBHOOK_URL is set');
  if (env.SMTP_URL && !env.MAIL_FROM) problems.push('MAIL_FROM: required when SMTP_URL is set');
  return problems;
}
