import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadConfigOrExit } from './app-config.js';

const shipped = (year: number) =>
  JSON.parse(readFileSync(`config/calendars/${year}.json`, 'utf8')) as Record<string, unknown>;

describe('the budget calendars at boot', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pta-calendars-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stop the process when a budget year served has no file, naming the year and the file', () => {
    const attempt = () => loadConfig({ BUDGET_YEARS: '2025,2026,2028' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/BUDGET_YEARS: no calendar for 2028: config\/calendars\/2028\.json is missing/);
  });

  it('end every process (api, worker, cli) at boot with EX_CONFIG and the message', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.BUDGET_YEARS = '2026,2028';
    try {
      expect(() => loadConfigOrExit()).toThrow('exit 78');
      expect(String(stderr.mock.calls[0]![0])).toContain('no calendar for 2028: config/calendars/2028.json is missing');
    } finally {
      delete process.env.BUDGET_YEARS;
      exit.mockRestore();
      stderr.mockRestore();
    }
  });

  it('stop the process on a malformed file, naming the file and the field', () => {
    const bad = { ...shipped(2025), workdays: [{ date: '2025-01-27', name: '调休' }] };
    writeFileSync(join(dir, '2025.json'), JSON.stringify(bad));
    writeFileSync(join(dir, '2026.json'), JSON.stringify({ ...shipped(2026), budgetCycle: { stageLimits: {} } }));
    const attempt = () => loadConfig({ CALENDARS_DIR: dir });
    expect(attempt).toThrow(new RegExp(`${dir}/2025\\.json: workdays\\.0\\.date: 2025-01-27 is a weekday`));
    expect(attempt).toThrow(new RegExp(`${dir}/2026\\.json: budgetCycle\\.submissionDeadline`));
  });

  it('refuse a file whose year is not its name, and a file that is not JSON', () => {
    writeFileSync(join(dir, '2025.json'), JSON.stringify({ ...shipped(2026) }));
    writeFileSync(join(dir, '2026.json'), '{ not json');
    const attempt = () => loadConfig({ CALENDARS_DIR: dir });
    expect(attempt).toThrow(/2025\.json: year: 2026 in a file named 2025\.json/);
    expect(attempt).toThrow(/2026\.json: \(file\)|2026\.json: unreadable/);
  });

  it('take the budget years and the reminder timing from the environment', () => {
    const config = loadConfig({ BUDGET_YEARS: '2026', REMINDER_LEAD: '800ms', ESCALATION_DELAY: '2d' });
    expect(config.calendars.budgetYears).toEqual([2026]);
    expect(config.deadlines).toEqual({ reminderLeadMs: 800, escalationDelayMs: 172_800_000 });
    expect(() => loadConfig({ REMINDER_LEAD: '16 hours' })).toThrow(/REMINDER_LEAD: must be a duration/);
  });

  it('need a secret with a webhook and a sender with SMTP', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://hooks.example.org/pta' })).toThrow(/WEBHOOK_SECRET: required/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org:25' })).toThrow(/MAIL_FROM: required/);
    const config = loadConfig({
      WEBHOOK_URL: 'https://hooks.example.org/pta',
      WEBHOOK_SECRET: 'x'.repeat(32),
      SMTP_URL: 'smtp://mail.example.org:25',
      MAIL_FROM: '绩效目标申报 <pta@example.org>',
    });
    expect(config.notices.webhook).toMatchObject({ url: 'https://hooks.example.org/pta', timeoutMs: 5_000 });
    expect(config.notices.smtp).toEqual({ url: 'smtp://mail.example.org:25', from: '绩效目标申报 <pta@example.org>' });
    expect(config.notices.delivery).toEqual({ attempts: 8, backoffMs: 30_000 });
  });
});
