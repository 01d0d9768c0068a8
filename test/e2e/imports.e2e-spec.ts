import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { declarationStreamId } from '@app/declarations';
import { organisationNameKey, SONGJIANG_HRSS, Users } from '@app/identity';
import type { ImportedForm, ImportReport } from '@app/imports';
import { bullConnection, QUEUE } from '@app/jobs';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { silentLogger, useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople } from '../support/declarations.js';
import { BAD_FILES, eventCount, formsBytes, formsOfUnits } from '../support/forms.js';

/** Who the test's own user changes are recorded as. */
const SYSTEM = { userId: 'system:test', role: 'system' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BUREAU = organisationNameKey(SONGJIANG_HRSS.units.find((u) => u.id === 'sj-hrss-bureau')!.name);

describe('POST /imports and GET /imports/:id', () => {
  const api = useApi();
  let tokens: Record<string, string>;
  const http = () => request(api.app.getHttpServer());
  const upload = (who: string, bytes: Buffer, name = 'forms.txt') =>
    http().post('/imports').set(bearer(tokens[who]!)).attach('file', bytes, name);
  const status = (who: string, id: string) => http().get(`/imports/${id}`).set(bearer(tokens[who]!));
  const events = () => eventCount(api.app.get(DataSource));

  /** Polls the import until the worker has finished it. */
  async function finished(who: string, id: string): Promise<{ status: string; report: ImportReport; error?: string }> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const { body } = await status(who, id).expect(200);
      if (body.status === 'completed' || body.status === 'failed')
        return body as { status: string; report: ImportReport; error?: string };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} did not finish`);
  }

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
  });

  describe('refused at once, nothing written', () => {
    it.each(BAD_FILES)('answers 400 to %s, saying what is wrong', async (_, bytes, code) => {
      const response = await upload('admin', bytes, 'bad.txt').expect(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ code, message: expect.any(String) })],
      });
      expect(await events()).toBe(0);
    });

    it('says why a file is refused in Chinese, or in English on Accept-Language: en', async () => {
      const truncated = BAD_FILES.find(([, , code]) => code === 'FORM_FILE_TRUNCATED')![1];
      const zh = await upload('admin', truncated, 'bad.txt').expect(400);
      expect(zh.body.errors).toEqual([
        {
          path: 'forms[32]',
          code: 'FORM_FILE_TRUNCATED',
          message: '第33张申报表在最后一个指标“补贴清算费发放人数”处中断，没有指标值：文件可能被截断',
        },
      ]);
      const en = await upload('admin', truncated, 'bad.txt').set('Accept-Language', 'en').expect(400);
      expect(en.body).toMatchObject({
        message: 'The file is not a readable export of 财政项目支出绩效目标申报表',
        errors: [
          {
            path: 'forms[32]',
            code: 'FORM_FILE_TRUNCATED',
            message:
              'Form 33 stops at its last indicator “补贴清算费发放人数”, with no target: the file may be cut off',
          },
        ],
      });
    });

    it('answers 400 when there is no file in the field "file"', async () => {
      const empty = await http().post('/imports').set(bearer(tokens.admin!)).field('note', 'no file').expect(400);
      expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'file', code: 'REQUIRED' })]);
      await http().post('/imports').set(bearer(tokens.admin!)).send({ file: 'text' }).expect(400);
    });

    it('refuses a preparer another unit’s forms (403), naming each, and writes nothing', async () => {
      const employment = formsOfUnits((unit) => unit.includes('就业促进中心'));
      const refused = await upload('preparer', employment).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect(refused.body.errors).toHaveLength(6);
      expect(refused.body.errors[0]).toMatchObject({ code: 'ACTOR_NOT_PREPARER_OF_UNIT' });
      await upload('preparer', formsBytes()).expect(403);
      expect(await events()).toBe(0);
    });

    it('refuses roles that do not import, and callers without a token', async () => {
      for (const who of ['auditor', 'dept-reviewer', 'finance']) await upload(who, formsBytes()).expect(403);
      await http().post('/imports').attach('file', formsBytes(), 'forms.txt').expect(401);
      expect(await events()).toBe(0);
    });

    it('answers 413 to a file over 10 MB', async () => {
      const response = await upload('admin', Buffer.alloc(11 * 1024 * 1024, 0x20)).expect(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  let orphan: string;

  it('queues an accepted import until a worker takes it', async () => {
    const employment = formsOfUnits((unit) => unit.includes('就业促进中心'));
    const accepted = await upload('employment-preparer', employment).expect(202);
    orphan = accepted.body.id as string;
    const waiting = await status('employment-preparer', orphan).expect(200);
    expect(waiting.body).toEqual({ id: orphan, status: 'queued', progress: { done: 0, total: 6 } });
    // Deactivated before the worker runs the job: the import must not run on their behalf.
    const users = api.app.get(Users);
    const uploader = (await users.list()).find((u) => u.username === 'employment-preparer')!;
    await users.change(uploader.id, { active: false }, SYSTEM);
  });

  describe('with the worker running', () => {
    let worker: INestApplicationContext;
    let firstReport: ImportReport;
    let firstImport = '';

    it('fails an import whose uploader was deactivated while it waited, writing nothing', async () => {
      const done = await finished('admin', orphan);
      // Recorded in the default language (Chinese): the uploader is no longer an active user.
      expect(done).toMatchObject({ status: 'failed', error: expect.stringContaining('上传人已不是有效用户') });
      expect(await events()).toBe(0);
    });

    beforeAll(async () => {
      worker = await createWorker(api.config, silentLogger);
    });

    afterAll(async () => {
      await worker?.close();
      const queue = new Queue(QUEUE.imports, {
        connection: bullConnection(api.config.redis.url),
        prefix: api.config.redis.queuePrefix,
      });
      await queue.obliterate({ force: true });
      await queue.close();
    });

    it('accepts the 33 forms from an admin (202) and reports each one once the worker is done', async () => {
      const accepted = await upload('admin', formsBytes()).set('X-Correlation-Id', 'import-e2e-1').expect(202);
      expect(accepted.body).toEqual({
        id: expect.stringMatching(UUID),
        status: 'queued',
        total: 33,
        duplicates: 0,
        notYours: 0,
        location: `/imports/${accepted.body.id}`,
      });
      expect(accepted.headers.location).toBe(`/imports/${accepted.body.id}`);
      const done = await finished('admin', accepted.body.id);
      expect(done).toMatchObject({ id: accepted.body.id, status: 'completed', progress: { done: 33, total: 33 } });
      firstReport = done.report;
      firstImport = accepted.body.id as string;
      expect(firstReport).toMatchObject({
        created: 33,
        skipped: 0,
        fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(firstReport.forms[24]).toMatchObject({
        index: 25,
        status: 'created',
        unit: { id: 'sj-hrss-employment' },
        findings: expect.arrayContaining([expect.objectContaining({ code: 'COST_INDICATOR_MISSING' })]),
      });
      expect(await events()).toBe(33);
    });

    it('reports in English on Accept-Language: en, the form’s own words as printed', async () => {
      const english = await status('admin', firstImport).set('Accept-Language', 'en').expect(200);
      expect(english.headers['content-language']).toBe('en');
      const form = (report: ImportReport, index: number) => report.forms[index - 1]!;
      const messages = (report: ImportReport, index: number, code: string) =>
        form(report, index)
          .findings.filter((f) => f.code === code)
          .map((f) => f.message);
      expect(messages(english.body.report, 25, 'COST_INDICATOR_MISSING')).toEqual(['No cost indicator']);
      expect(messages(firstReport, 25, 'COST_INDICATOR_MISSING')).toEqual(['缺少成本指标']);
      // Form 14's rows under the wrong label: the same findings, worded in English, names as printed.
      const misfits = messages(english.body.report, 14, 'INDICATOR_LABEL_MISFIT');
      expect(misfits).toHaveLength(messages(firstReport, 14, 'INDICATOR_LABEL_MISFIT').length);
      expect(misfits).toContain(
        '“促进案结事了” is listed under the satisfaction indicators but does not measure satisfaction',
      );
      // What the declaration keeps of the import says the same at /checks.
      const checks = await client(api.app, tokens.admin!)
        .checks(form(firstReport, 14).declarationId, { 'Accept-Language': 'en' })
        .expect(200);
      expect(
        checks.body.findings
          .filter((f: { code: string }) => f.code === 'INDICATOR_LABEL_MISFIT')
          .map((f: { message: string }) => f.message),
      ).toEqual(misfits);
    });

    it('makes declarations that read as imported, with the upload’s correlation id in their events', async () => {
      const { declarationId } = firstReport.forms[0]!;
      const view = await client(api.app, tokens.admin!).get(declarationId).expect(200);
      expect(view.body).toMatchObject({ state: 'draft', origin: { kind: 'import', formIndex: 1 } });
      const [row] = await api.app
        .get(DataSource)
        .query(`SELECT metadata FROM events WHERE stream_id = $1`, [declarationStreamId(declarationId)]);
      expect(row.metadata).toMatchObject({ importFormIndex: 1, correlationId: 'import-e2e-1' });
    });

    it('shows an import only to its uploader and admins', async () => {
      const accepted = await upload('admin', formsBytes()).expect(202);
      await finished('admin', accepted.body.id);
      for (const who of ['preparer', 'auditor', 'dept-reviewer']) await status(who, accepted.body.id).expect(404);
      await status('admin', '00000000-0000-4000-8000-000000000000').expect(404);
      await status('admin', 'not-a-uuid').expect(404);
    });

    it('creates nothing when the same file comes again: every form skipped, the same declarations', async () => {
      const accepted = await upload('admin', formsBytes()).expect(202);
      const done = await finished('admin', accepted.body.id);
      expect(done.report).toMatchObject({ created: 0, skipped: 33 });
      expect(done.report.forms.map((f: ImportedForm) => f.declarationId)).toEqual(
        firstReport.forms.map((f: ImportedForm) => f.declarationId),
      );
      expect(await events()).toBe(33);
    });

    it('imports the official .xlsx an export gave, giving back the same declaration', async () => {
      const original = firstReport.forms[13]!.declarationId;
      const exported = await http()
        .get(`/declarations/${original}/form.xlsx`)
        .set(bearer(tokens.admin!))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const accepted = await upload('admin', exported.body as Buffer, 'form.xlsx').expect(202);
      const done = await finished('admin', accepted.body.id);
      expect(done.report).toMatchObject({ created: 1, skipped: 0 });
      const admin = client(api.app, tokens.admin!);
      const [before, after] = await Promise.all([
        admin.get(original).expect(200),
        admin.get(done.report.forms[0]!.declarationId).expect(200),
      ]);
      const content = (body: Record<string, unknown>) => {
        const {
          id: _id,
          version: _v,
          createdAt: _c,
          createdBy: _b,
          origin: _o,
          closedRevisions: _r,
          workflow: _w,
          ...rest
        } = body;
        return {
          ...rest,
          indicators: (rest.indicators as { id: string }[]).map(({ id: _i, ...indicator }) => indicator),
        };
      };
      expect(content(after.body)).toEqual(content(before.body));
    });

    it('lets a preparer import a file of only their own unit’s forms', async () => {
      const own = formsOfUnits((unit) => organisationNameKey(unit) === BUREAU);
      const accepted = await upload('preparer', own, '本级.txt').expect(202);
      expect(accepted.body.total).toBe(15);
      const done = await finished('preparer', accepted.body.id);
      expect(done.report).toMatchObject({ created: 15, skipped: 0 });
      expect(done.report.forms.every((f: ImportedForm) => f.unit.id === 'sj-hrss-bureau')).toBe(true);
      await status('admin', accepted.body.id).expect(200);
      await status('second-preparer', accepted.body.id).expect(404);
      await client(api.app, tokens.preparer!).get(done.report.forms[0]!.declarationId).expect(200);
      expect(await events()).toBe(49);
    });

    it('keeps what the reader saw with each declaration, in /checks and the submission, until its row or field is edited', async () => {
      const admin = client(api.app, tokens.admin!);
      const said = (findings: { code: string; path: string; severity: string }[]) =>
        findings.map((f) => `${f.code}@${f.path}:${f.severity}`).sort();
      // Unedited, a declaration's checks say what the import said of its form: nothing lost.
      for (const form of firstReport.forms) {
        const checks = await admin.checks(form.declarationId).expect(200);
        expect({ form: form.index, findings: said(checks.body.findings) }).toEqual({
          form: form.index,
          findings: said(form.findings),
        });
      }
      // Form 23 has no 项目类别: that blocks, in 2025 as in 2026.
      const form23 = await admin.checks(firstReport.forms[22]!.declarationId).expect(200);
      expect(form23.body.findings).toContainEqual(
        expect.objectContaining({ code: 'CATEGORY_MISSING', path: 'category', severity: 'blocking' }),
      );
      // Form 14: five rows under the wrong label; each finding names its row by id and by name.
      const id = firstReport.forms[13]!.declarationId;
      const view = await admin.get(id).expect(200);
      const misfits = (await admin.checks(id).expect(200)).body.findings.filter(
        (f: { code: string }) => f.code === 'INDICATOR_LABEL_MISFIT',
      );
      expect(misfits).toHaveLength(5);
      const rows = new Map((view.body.indicators as { id: string; name: string }[]).map((i) => [i.id, i.name]));
      for (const f of misfits) expect(f.message).toContain(`“${rows.get(f.indicatorId)}”`);
      // The preparer fixes one row: its finding goes, the others stay and travel with the submission.
      const preparer = client(api.app, tokens.preparer!);
      const fixed = misfits[0].indicatorId as string;
      const edited = await preparer
        .reviseIndicator(id, fixed, view.body.version, { name: `${rows.get(fixed)}（已核）` })
        .expect(200);
      const after = (await preparer.checks(id).expect(200)).body.findings;
      expect(after.filter((f: { code: string }) => f.code === 'INDICATOR_LABEL_MISFIT')).toHaveLength(4);
      expect(after.some((f: { indicatorId?: string }) => f.indicatorId === fixed)).toBe(false);
      const submitted = await preparer.act(id, 'submit', edited.body.version).expect(200);
      expect(
        submitted.body.workflow.warnings.filter((f: { code: string }) => f.code === 'INDICATOR_LABEL_MISFIT'),
      ).toHaveLength(4);
    });
  });
});

describe('POST /imports with Redis unreachable', () => {
  const api = useApi({ REDIS_URL: 'redis://127.0.0.1:1/0' });

  it('answers 503 at once, writing nothing, and still refuses a bad file with 400', async () => {
    const tokens = await seedPeople(api.app);
    const post = (bytes: Buffer) =>
      request(api.app.getHttpServer()).post('/imports').set(bearer(tokens.admin!)).attach('file', bytes, 'forms.txt');
    const started = Date.now();
    const response = await post(formsBytes()).expect(503);
    expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(4_000);
    await post(Buffer.alloc(0)).expect(400);
    expect(await eventCount(api.app.get(DataSource))).toBe(0);
  });
});
