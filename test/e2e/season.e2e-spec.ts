import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ManualClock } from '@app/platform';
import { season } from '../../apps/cli/src/season.js';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';

// Monday 7 December 2026: units are preparing their 2027 declarations.
const MONDAY = new Date('2026-12-07T10:00:00+08:00');
const body2027 = (projectName: string) =>
  soundBody({ year: 2027, projectName, plannedStart: '2027-01-01', plannedEnd: '2027-12-31' });
const cycle = (departmental_review: number) => ({
  submissionDeadline: '2026-12-25',
  submissionReminderDays: 5,
  stageLimits: { departmental_review, bureau_signoff: 3, finance_confirmation: 10 },
});
const HOLIDAYS_2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-11' },
  ],
  workdays: [{ date: '2027-02-20', name: '春节调休上班' }],
};

describe('the budget office sets each year’s cycle and calendar over HTTP', () => {
  const clock = new ManualClock(MONDAY);
  const api = useApi({}, { clock });
  let tokens: Record<string, string>;
  const http = () => request(api.app.getHttpServer());
  const as = (who: string) => ({
    get: (path: string) => http().get(path).set(bearer(tokens[who]!)),
    put: (path: string, body: object, headers: Record<string, string> = {}) =>
      http().put(path).set(bearer(tokens[who]!)).set(headers).send(body),
  });
  const submit = async (projectName: string) => {
    const preparer = client(api.app, tokens.preparer!);
    const id = ((await preparer.create(body2027(projectName)).expect(201)).body as { id: string }).id;
    const submitted = await preparer.act(id, 'submit', 1).expect(200);
    return { id, dueAt: (submitted.body as { workflow: { dueAt: string } }).workflow.dueAt };
  };

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
  });

  it('accepts a 2027 submission, counting 2027 Monday to Friday, and says so in /health/ready', async () => {
    clock.set(MONDAY);
    // 5 working days after Monday 12/7: Monday 12/14, 24:00.
    expect((await submit('2027年运维（设置前）')).dueAt).toBe('2026-12-14T16:00:00.000Z');
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.warnings).toEqual([expect.stringMatching(/^HOLIDAYS_MISSING 2027: 2027年节假日安排尚未录入/)]);
    const calendar = await as('budget-officer').get('/admin/calendars/2027').expect(200);
    expect(calendar.body).toMatchObject({ year: 2027, entered: false, origin: 'none', holidays: [], version: 0 });
    const year = await as('budget-officer').get('/admin/budget-years/2027').expect(200);
    expect(year.body).toMatchObject({ year: 2027, origin: 'file', version: 0, history: [] });
    expect(year.headers.etag).toBe('"0"');
  });

  it('applies a new stage limit to the next stage entered, and leaves a stage already entered as it was', async () => {
    clock.set(MONDAY);
    const before = await submit('2027年培训（设置前）');
    const set = await as('budget-officer').put('/admin/budget-years/2027', cycle(2), { 'If-Match': '"0"' }).expect(200);
    expect(set.body).toMatchObject({ origin: 'budget_office', version: 1, stageLimits: { departmental_review: 2 } });
    expect(set.headers.etag).toBe('"1"');
    // Monday 12/7 + 2 working days: Wednesday 12/9, 24:00.
    expect((await submit('2027年培训（设置后）')).dueAt).toBe('2026-12-09T16:00:00.000Z');
    const kept = await client(api.app, tokens.preparer!).get(before.id).expect(200);
    expect(kept.body.workflow.dueAt).toBe('2026-12-14T16:00:00.000Z');
    // A stale If-Match is refused, nothing written.
    await as('admin').put('/admin/budget-years/2027', cycle(4), { 'If-Match': '"0"' }).expect(412);
    await as('admin').put('/admin/budget-years/2027', cycle(5), { 'If-Match': '"1"' }).expect(200);
  });

  it('counts the holidays once entered, and the warning goes', async () => {
    clock.set(new Date('2026-12-30T15:20:00+08:00')); // a Wednesday
    // Without 2027's holidays: 12/31, 1/1, 1/4, 1/5, 1/6.
    expect((await submit('2027年宣传（节假日前）')).dueAt).toBe('2027-01-06T16:00:00.000Z');
    const set = await as('budget-officer').put('/admin/calendars/2027', HOLIDAYS_2027).expect(200);
    expect(set.body).toMatchObject({
      entered: true,
      origin: 'budget_office',
      version: 1,
      source: HOLIDAYS_2027.source,
    });
    // With 元旦 1/1–1/3 off: 12/31, 1/4, 1/5, 1/6, 1/7.
    expect((await submit('2027年宣传（节假日后）')).dueAt).toBe('2027-01-07T16:00:00.000Z');
    expect((await http().get('/health/ready').expect(200)).body.warnings).toEqual([]);
  });

  it('refuses a malformed setting with 400 naming the field, and writes nothing', async () => {
    const officer = as('budget-officer');
    const bad = await officer
      .put('/admin/budget-years/2027', { ...cycle(5), stageLimits: { ...cycle(5).stageLimits, bureau_signoff: 0 } })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'stageLimits.bureau_signoff', code: 'TOO_SMALL', message: '不能小于 1' }),
    ]);
    const late = await officer.put('/admin/budget-years/2027', { ...cycle(5), submissionDeadline: '2029-01-01' });
    expect([late.status, late.body.errors[0].path]).toEqual([400, 'submissionDeadline']);
    const weekday = { ...HOLIDAYS_2027, workdays: [{ date: '2027-02-22', name: '星期一' }] };
    const day = await officer.put('/admin/calendars/2027', weekday).expect(400);
    expect(day.body.errors).toEqual([
      expect.objectContaining({
        path: 'workdays[0].date',
        code: 'INCONSISTENT',
        message: '2027-02-22 本是工作日，无需调休',
      }),
    ]);
    const english = await officer.put('/admin/calendars/2027', weekday, { 'Accept-Language': 'en' }).expect(400);
    expect(english.body.errors[0].message).toBe('2027-02-22 is a weekday, a working day anyway');
    const year = await officer.put('/admin/calendars/27', HOLIDAYS_2027).expect(400);
    expect(year.body.errors).toEqual([expect.objectContaining({ path: 'year' })]);
    await officer.get('/admin/budget-years/2031').expect(404);
    expect((await officer.get('/admin/budget-years/2027').expect(200)).body.version).toBe(2);
  });

  it('lets only admins and the budget office change the settings; auditors read who set what and when', async () => {
    for (const who of ['preparer', 'dept-reviewer', 'bureau-signer', 'finance', 'auditor']) {
      await as(who).put('/admin/budget-years/2027', cycle(9)).expect(403);
      await as(who).put('/admin/calendars/2027', HOLIDAYS_2027).expect(403);
    }
    for (const who of ['preparer', 'dept-reviewer', 'bureau-signer', 'finance']) {
      await as(who).get('/admin/budget-years/2027').expect(403);
    }
    await http().put('/admin/budget-years/2027').send(cycle(9)).expect(401);
    // The budget office reads no declaration.
    const listed = await as('budget-officer').get('/declarations').expect(200);
    expect([listed.body.items, listed.body.total]).toEqual([[], 0]);
    const history = (await as('auditor').get('/admin/budget-years/2027').expect(200)).body.history as {
      version: number;
      by: { username: string };
      role: string;
      settings: { stageLimits: { departmental_review: number } };
      at: string;
    }[];
    expect(history.map((h) => [h.version, h.by.username, h.role, h.settings.stageLimits.departmental_review])).toEqual([
      [1, 'budget-officer', 'budget_officer', 2],
      [2, 'admin', 'admin', 5],
    ]);
    expect(Number.isNaN(Date.parse(history[0]!.at))).toBe(false);
    const calendar = (await as('auditor').get('/admin/calendars/2027').expect(200)).body;
    expect(calendar.history).toEqual([
      expect.objectContaining({ version: 1, by: expect.objectContaining({ username: 'budget-officer' }) }),
    ]);
    // The settings streams are in the hash-chained log the auditor verifies.
    const verified = await as('auditor').get('/audit/verify').expect(200);
    expect(verified.body).toMatchObject({ ok: true });
    const trail = await as('auditor').get('/audit/export?format=csv').expect(200);
    expect(trail.text).toContain('budget-year-2027');
    expect(trail.text).toContain('CalendarYearSet');
  });
});

describe('the budget office sets a year from the CLI', () => {
  const clock = new ManualClock(MONDAY);
  const api = useApi({}, { clock });
  let tokens: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    dir = mkdtempSync(join(tmpdir(), 'pta-season-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a budget year no file has, in the name of the user it acts as, and serves it at once', async () => {
    const file = join(dir, '2028.json');
    writeFileSync(file, JSON.stringify({ ...cycle(3), submissionDeadline: '2027-10-31' }));
    const printed: string[] = [];
    await season(api.config, ['budget-year', '2028', file, '--as', 'budget-officer'], (t) => void printed.push(t));
    expect(JSON.parse(printed.join(''))).toMatchObject({ year: 2028, origin: 'budget_office', version: 1 });
    const read = await request(api.app.getHttpServer())
      .get('/admin/budget-years/2028')
      .set(bearer(tokens.auditor!))
      .expect(200);
    expect(read.body.history).toEqual([
      expect.objectContaining({ by: expect.objectContaining({ username: 'budget-officer' }), role: 'budget_officer' }),
    ]);
    const preparer = client(api.app, tokens.preparer!);
    const body = soundBody({ year: 2028, plannedStart: '2028-01-01', plannedEnd: '2028-12-31' });
    const id = ((await preparer.create(body).expect(201)).body as { id: string }).id;
    // Monday 12/7 + 3 working days: Thursday 12/10, 24:00.
    expect((await preparer.act(id, 'submit', 1).expect(200)).body.workflow.dueAt).toBe('2026-12-10T16:00:00.000Z');
    const shown: string[] = [];
    await season(api.config, ['show', '2028'], (t) => void shown.push(t));
    expect(JSON.parse(shown.join(''))).toMatchObject({
      budgetYear: { year: 2028, stageLimits: { departmental_review: 3 } },
      calendar: { year: 2028, entered: false },
    });
  });

  it('refuses a malformed file naming the field, and a user who may not', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        source: '通知',
        holidays: [{ name: '元旦', from: '2029-01-01', to: '2029-01-01' }],
        workdays: [],
      }),
    );
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await season(api.config, ['calendar', '2028', file, '--as', 'admin'], () => undefined);
      expect(process.exitCode).toBe(1);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain(
        'holidays[0]: 2029-01-01…2029-01-01 is not in 2028',
      );
      writeFileSync(file, JSON.stringify(HOLIDAYS_2027));
      await season(api.config, ['calendar', '2027', file, '--as', 'auditor'], () => undefined);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('only an admin or budget officer may');
    } finally {
      process.exitCode = 0;
      stderr.mockRestore();
    }
    const calendar = await request(api.app.getHttpServer())
      .get('/admin/calendars/2027')
      .set(bearer(tokens.admin!))
      .expect(200);
    expect(calendar.body.version).toBe(0);
  });
});
